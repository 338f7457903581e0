import { useEffect, useRef, type ReactNode } from 'react'

/** What the page had before this story took its clipboard away: a property of its own, or none. */
type Saved = [target: object, name: string, own: PropertyDescriptor | undefined]

function replace(target: object, name: string, value: unknown): Saved {
  const saved: Saved = [target, name, Object.getOwnPropertyDescriptor(target, name)]
  Object.defineProperty(target, name, { value, configurable: true, writable: true })
  return saved
}

function restore([target, name, own]: Saved) {
  if (own) Object.defineProperty(target, name, own)
  else Reflect.deleteProperty(target, name)
}

/**
 * A page where copying fails: `navigator.clipboard` refuses (a frame without `clipboard-write`
 * permission does so) and the old copy command too. Once a widget inside shows its code, this
 * presses its copy button, as a person would; on unmount the page gets its clipboard back.
 */
export function CopyRefusedOnceCodeShows({ children }: { children: ReactNode }) {
  const wrapper = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const element = wrapper.current
    if (!element) return
    const saved = [
      replace(navigator, 'clipboard', { writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) }),
      replace(document, 'execCommand', () => false),
    ]
    let pressed = false
    const pressCopyOnceWaiting = () => {
      const copy = element.querySelector<HTMLButtonElement>('[data-plex-login][data-state="waiting"] [data-part="copy"]:enabled')
      if (pressed || !copy) return
      pressed = true
      copy.click()
      observer.disconnect()
    }
    const observer = new MutationObserver(pressCopyOnceWaiting)
    observer.observe(element, { subtree: true, attributes: true, attributeFilter: ['data-state', 'disabled'] })
    pressCopyOnceWaiting()
    return () => {
      observer.disconnect()
      saved.reverse().forEach(restore)
    }
  }, [])

  return <div ref={wrapper}>{children}</div>
}
