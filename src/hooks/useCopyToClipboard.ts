'use client'

import { useCallback, useEffect, useRef, useState } from 'react'

/** How long the "Copied" confirmation stays. */
export const COPIED_RESET_MS = 2000

export type CopyState = 'idle' | 'copied' | 'failed'

async function writeText(text: string): Promise<void> {
  // navigator.clipboard exists only in secure contexts; Plex apps often run on plain http.
  if (typeof navigator !== 'undefined' && navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text)
    return
  }
  const field = document.createElement('textarea')
  field.value = text
  field.setAttribute('readonly', '')
  field.setAttribute('aria-hidden', 'true')
  field.style.position = 'fixed'
  field.style.opacity = '0'
  document.body.append(field)
  try {
    field.select()
    if (!document.execCommand('copy')) throw new Error('copy command refused')
  } finally {
    field.remove()
  }
}

/** Copies text and reports `copied` (for a while) or `failed`. Safe to unmount mid-copy. */
export function useCopyToClipboard(): [CopyState, (text: string) => void] {
  const [state, setState] = useState<CopyState>('idle')
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const mounted = useRef(true)

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
      clearTimeout(timer.current)
    }
  }, [])

  const copy = useCallback((text: string) => {
    clearTimeout(timer.current)
    writeText(text).then(
      () => {
        if (!mounted.current) return
        setState('copied')
        timer.current = setTimeout(() => setState('idle'), COPIED_RESET_MS)
      },
      () => {
        if (mounted.current) setState('failed')
      },
    )
  }, [])

  return [state, copy]
}
