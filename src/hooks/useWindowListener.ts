'use client'

import { useEffect } from 'react'
import { useLatestRef } from './useLatestRef.js'

/** Calls the latest `listener` on each `type` event of `window` while `active`. */
export function useWindowListener(type: 'focus' | 'online', active: boolean, listener: () => void): void {
  const latest = useLatestRef(listener)
  useEffect(() => {
    if (!active) return
    const handle = () => latest.current()
    window.addEventListener(type, handle)
    return () => window.removeEventListener(type, handle)
  }, [type, active, latest])
}
