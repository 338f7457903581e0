/** Wire budgets (issue #6): requests until the code shows, and requests per minute while waiting. */
import { focusManager } from '@tanstack/react-query'
import { act } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { PlexLogin } from '../../src'
import { renderWithClient } from '../support/render'
import { flush, installFakeClock, startSimulator } from '../support/simulator'

export const REQUESTS_UNTIL_CODE_BUDGET = 1
export const VISIBLE_REQUESTS_PER_MINUTE_BUDGET = 60
export const HIDDEN_REQUESTS_PER_MINUTE_BUDGET = 12

afterEach(() => focusManager.setFocused(undefined))

describe('wire budget', () => {
  it(`${REQUESTS_UNTIL_CODE_BUDGET} request until the code is on screen; ≤ ${VISIBLE_REQUESTS_PER_MINUTE_BUDGET}/min visible, ≤ ${HIDDEN_REQUESTS_PER_MINUTE_BUDGET}/min hidden`, async () => {
    installFakeClock()
    const sim = startSimulator()
    const { container } = renderWithClient(<PlexLogin product="Test App" />)
    await flush()
    expect(container.querySelector('[data-part="code"]')?.textContent).toBeTruthy()
    const untilCode = sim.requests().length

    const before = sim.requests().length
    await flush(60_000)
    const visible = sim.requests().length - before

    act(() => focusManager.setFocused(false))
    await flush(5000) // the poll already scheduled at the visible rate
    const hiddenStart = sim.requests().length
    await flush(60_000)
    const hidden = sim.requests().length - hiddenStart

    console.info(`[bench] requests until the code shows: ${untilCode}; per minute visible: ${visible}; hidden: ${hidden}`)
    expect(untilCode).toBeLessThanOrEqual(REQUESTS_UNTIL_CODE_BUDGET)
    expect(visible).toBeLessThanOrEqual(VISIBLE_REQUESTS_PER_MINUTE_BUDGET)
    expect(hidden).toBeLessThanOrEqual(HIDDEN_REQUESTS_PER_MINUTE_BUDGET)
    expect(hidden).toBeGreaterThan(0)
  })
})
