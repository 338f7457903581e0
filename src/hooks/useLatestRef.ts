'use client'

import { useInsertionEffect, useRef } from 'react'

/**
 * A ref that always holds the latest `value`, so effects can call the newest callback without
 * listing it as a dependency (an inline arrow function then never restarts polling). Written in an
 * insertion effect, which runs before every layout and passive effect and, unlike
 * `useLayoutEffect`, says nothing in a server render: React 18 warns about `useLayoutEffect` there
 * whenever a `document` exists (an app's jsdom test of its server HTML, a DOM shim on the server).
 */
export function useLatestRef<T>(value: T): { readonly current: T } {
  const ref = useRef(value)
  useInsertionEffect(() => {
    ref.current = value
  })
  return ref
}
