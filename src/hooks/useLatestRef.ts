'use client'

import { useLayoutEffect, useRef } from 'react'
import { onServer } from '../internal/onServer.js'

const useIsomorphicLayoutEffect = onServer() ? () => {} : useLayoutEffect

/**
 * A ref that always holds the latest `value`, so effects can call the newest callback without
 * listing it as a dependency (an inline arrow function then never restarts polling).
 */
export function useLatestRef<T>(value: T): { readonly current: T } {
  const ref = useRef(value)
  useIsomorphicLayoutEffect(() => {
    ref.current = value
  })
  return ref
}
