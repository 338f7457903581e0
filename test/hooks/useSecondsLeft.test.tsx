import { renderHook } from '@testing-library/react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { useSecondsLeft } from '../../src'

function Seconds({ expiresAt }: { expiresAt: number | null }) {
  return <span>{String(useSecondsLeft(expiresAt))}</span>
}

// The countdown hook is public (README, "Everything else it exports"), and a mutation probe
// (2026-11-27) found that no test imported it.
describe('useSecondsLeft', () => {
  it('is null without a deadline, and whole seconds with one', () => {
    vi.useFakeTimers({ now: 0 })
    const hook = renderHook(({ expiresAt }: { expiresAt: number | null }) => useSecondsLeft(expiresAt), { initialProps: { expiresAt: null as number | null } })
    expect(hook.result.current).toBeNull()
    hook.rerender({ expiresAt: 4500 })
    expect(hook.result.current).toBe(5)
  })

  it('is null in a server render, where nothing ticks', () => {
    expect(renderToString(<Seconds expiresAt={Date.now() + 60_000} />)).toBe('<span>null</span>')
  })
})
