import { onlineManager } from '@tanstack/react-query'
import { useEffect, useRef, type ReactNode } from 'react'

/**
 * Tells TanStack Query the browser went offline (as a window `offline` event does) once a widget
 * inside shows its code, and puts back what it was when this unmounts, so no other story is left
 * offline. TanStack Query 5 keeps one `onlineManager` per page and `setOnline` takes a boolean
 * only (it starts `true`; there is no "ask the browser again"), hence the value it had before.
 */
export function OfflineOnceCodeShows({ children }: { children: ReactNode }) {
  const wrapper = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const element = wrapper.current
    if (!element) return
    let restore: boolean | undefined
    const goOfflineOnceWaiting = () => {
      if (restore !== undefined || !element.querySelector('[data-plex-login][data-state="waiting"]')) return
      restore = onlineManager.isOnline()
      onlineManager.setOnline(false)
      observer.disconnect()
    }
    const observer = new MutationObserver(goOfflineOnceWaiting)
    observer.observe(element, { subtree: true, attributeFilter: ['data-state'] })
    goOfflineOnceWaiting()
    return () => {
      observer.disconnect()
      if (restore !== undefined) onlineManager.setOnline(restore)
    }
  }, [])

  return <div ref={wrapper}>{children}</div>
}
