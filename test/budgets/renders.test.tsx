/** Render budgets (issue #6): polls that change nothing re-render nothing; the QR is drawn once per code. */
import { QueryClientProvider } from '@tanstack/react-query'
import { Profiler, type ProfilerOnRenderCallback } from 'react'
import { render } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { PlexLogin } from '../../src'
import { newQueryClient } from '../support/render'
import { flush, installFakeClock, startSimulator } from '../support/simulator'

const qrRenders = vi.hoisted(() => ({ count: 0 }))
vi.mock('qrcode.react', async (importOriginal) => {
  const original = await importOriginal<typeof import('qrcode.react')>()
  const { forwardRef, createElement } = await import('react')
  // Counts renders of the real QRCodeSVG; it still draws as usual, and says what it encodes.
  const QRCodeSVG = forwardRef<SVGSVGElement, Parameters<typeof original.QRCodeSVG>[0]>(function CountedQRCodeSVG(props, ref) {
    qrRenders.count += 1
    return createElement(original.QRCodeSVG, { ...props, 'data-encodes': props.value, ref } as Parameters<typeof original.QRCodeSVG>[0])
  })
  return { ...original, QRCodeSVG }
})

describe('render budget', () => {
  it('<PlexLogin> does not re-render on polls that change nothing (React Profiler)', async () => {
    installFakeClock()
    const sim = startSimulator()
    const commits: string[] = []
    const onRender: ProfilerOnRenderCallback = (_id, phase) => commits.push(phase)
    render(
      <QueryClientProvider client={newQueryClient()}>
        <Profiler id="login" onRender={onRender}>
          {/* The children layout leaves out the ticking countdown, so every commit is PlexLogin's own. */}
          <PlexLogin product="Test App">{({ code }) => <p>{code}</p>}</PlexLogin>
        </Profiler>
      </QueryClientProvider>,
    )
    await flush()
    const settled = commits.length
    await flush(30_000)
    expect(sim.requests('get-pin')).toHaveLength(30)
    expect(commits.length - settled).toBe(0)
    console.info(`[bench] renders of <PlexLogin> over 30 unchanged polls: ${commits.length - settled}`)
  })

  it('the built-in layout re-renders only the countdown each second, and draws the QR once per code', async () => {
    installFakeClock()
    const sim = startSimulator()
    qrRenders.count = 0
    render(
      <QueryClientProvider client={newQueryClient()}>
        <PlexLogin product="Test App" />
      </QueryClientProvider>,
    )
    await flush()
    const drawn = qrRenders.count
    expect(drawn).toBeGreaterThanOrEqual(1)
    // Status changes (retrying, then back) re-render the widget but not the QR.
    sim.fail({ type: 'status', status: 503 }, { times: 2, route: 'get-pin' })
    await flush(30_000)
    expect(qrRenders.count).toBe(drawn)
    // A new code draws a new QR.
    sim.expire()
    await flush(1000)
    expect(qrRenders.count).toBeGreaterThan(drawn)
  })

  // Drawing a QR takes a runtime-cost probe's 70 ms on a CPU throttled 6×; the code alone takes a
  // few. The code is committed first and the QR in a render of its own, its place held meanwhile.
  it('commits a code before drawing its QR, and never shows the QR of another code', async () => {
    installFakeClock()
    const sim = startSimulator()
    const commits: { code: string; qr: string | null }[] = []
    const onRender: ProfilerOnRenderCallback = () => {
      commits.push({
        code: document.querySelector('[data-part="code"]')?.textContent ?? '',
        qr: document.querySelector('svg[data-part="qr"]')?.getAttribute('data-encodes') ?? null,
      })
    }
    render(
      <QueryClientProvider client={newQueryClient()}>
        <Profiler id="login" onRender={onRender}>
          <PlexLogin product="Test App" />
        </Profiler>
      </QueryClientProvider>,
    )
    await flush()
    sim.expire()
    await flush(1000)
    const codes = sim.pins.map((pin) => pin.code)
    expect(codes).toHaveLength(2)
    for (const code of codes) {
      expect(commits.find((commit) => commit.code === code)?.qr, `first commit of ${code}`).toBeNull()
      expect(commits.some((commit) => commit.code === code && commit.qr === `https://plex.tv/link?pin=${code}`), `QR of ${code}`).toBe(true)
    }
    for (const commit of commits) if (commit.qr !== null) expect(commit.qr).toBe(`https://plex.tv/link?pin=${commit.code}`)
  })
})
