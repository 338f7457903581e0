'use client'

import { useEffect, useRef, type FocusEvent, type FocusEventHandler, type RefObject } from 'react'

/**
 * What can hold focus in the widget: its link and buttons while usable, the root itself, and what
 * an app's own layout (`children`) may add: form fields, a `<summary>`, an editable region, a frame.
 */
const FOCUSABLE = 'a[href],:enabled,[tabindex],summary,[contenteditable],iframe'

/**
 * Keeps keyboard and screen reader users' place in a widget whose parts come and go: when the part
 * holding focus unmounts or is disabled (browsers then drop focus on `<body>`), focus moves to
 * `root` (which needs `tabIndex={-1}`). Focus that went anywhere else (the app's heading, a field
 * a shortcut opened, a click on plain text) is never taken back. Works inside a shadow root.
 * Returns focus handlers for the root that also call the app's own.
 */
export function useKeepFocusWithin<T extends HTMLElement>(
  root: RefObject<T | null>,
  { onFocus, onBlur }: { onFocus?: FocusEventHandler<T>; onBlur?: FocusEventHandler<T> },
): { onFocus: FocusEventHandler<T>; onBlur: FocusEventHandler<T> } {
  // The element inside the widget that last had focus, until focus is known to have left.
  const held = useRef<Element | null>(null)
  const keep = () => {
    const node = root.current
    const last = held.current
    if (!node || !last) return
    if (node.contains((node.getRootNode() as Document | ShadowRoot).activeElement)) return
    // Focus lost, not moved: nothing has it, and the part that had it is gone or disabled.
    const dropped = (document.activeElement ?? document.body) === document.body && !(last.isConnected && last.matches(FOCUSABLE))
    if (dropped) node.focus({ preventScroll: true })
    else held.current = null
  }
  // After every commit (a part may have unmounted without a blur event), and a microtask after
  // each blur (once the browser has settled where focus went).
  useEffect(keep)
  return {
    onFocus(event: FocusEvent<T>) {
      held.current = event.target
      onFocus?.(event)
    },
    onBlur(event: FocusEvent<T>) {
      queueMicrotask(keep)
      onBlur?.(event)
    },
  }
}
