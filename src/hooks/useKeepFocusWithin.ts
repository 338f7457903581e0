'use client'

import { useEffect, useRef, type FocusEvent, type FocusEventHandler, type RefObject } from 'react'

/** What can hold focus in the widget: its link and buttons while usable, and the root itself. */
const FOCUSABLE = 'a[href],button:enabled,[tabindex]'

/**
 * Keeps keyboard and screen reader users' place in a widget whose parts come and go: when the part
 * holding focus unmounts or is disabled (browsers then drop focus on `<body>`), focus moves to
 * `root` (which needs `tabIndex={-1}`). Focus the person moved elsewhere, or dropped with a click
 * on plain text, is never taken back. Returns focus handlers for the root that also call the
 * app's own.
 */
export function useKeepFocusWithin<T extends HTMLElement>(
  root: RefObject<T | null>,
  { onFocus, onBlur }: { onFocus?: FocusEventHandler<T>; onBlur?: FocusEventHandler<T> },
): { onFocus: FocusEventHandler<T>; onBlur: FocusEventHandler<T> } {
  const within = useRef(false)
  const keep = () => {
    if (within.current && !root.current?.contains(document.activeElement)) root.current?.focus({ preventScroll: true })
  }
  // After every commit: a part that held focus may just have unmounted without a blur event.
  useEffect(keep)
  return {
    onFocus(event: FocusEvent<T>) {
      within.current = true
      onFocus?.(event)
    },
    onBlur(event: FocusEvent<T>) {
      const { target } = event
      // Judged a microtask later, once the browser has settled where focus went.
      queueMicrotask(() => {
        const active = document.activeElement
        within.current = !!root.current?.contains(active) || (active === document.body && !(target.isConnected && target.matches(FOCUSABLE)))
        keep()
      })
      onBlur?.(event)
    },
  }
}
