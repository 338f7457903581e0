/**
 * Memory while a code waits, in Chromium: the JS heap still held after forced garbage collection,
 * sampled while `<PlexLogin>` polls one long-lived code once a second, beside a bare TanStack
 * Query poll (`query`, none of this package's code) and the hand-rolled `setTimeout` loop
 * (`baseline`). Each page has its own browser context and its own simulator, whose codes live a
 * day, so none renews.
 *
 *   npx tsx test/bench/heap.ts     (BENCH_HEAP_MINUTES=30, BENCH_HEAP_SAMPLE_S=120 by default)
 *
 * Not part of `npm run bench`: it needs real minutes. A memory probe (2026-11-26, ARCHITECTURE.md
 * "Noticed and left alone") found the heap climbing for the first 10–16 minutes of a page's life
 * (V8 optimising React's and TanStack Query's code), then flat; a per-poll figure taken during
 * the climb reads as a leak, and the climb comes in steps of tens of KB (a 30-minute run at 1/s on
 * 2026-11-26: `<PlexLogin>` 1.69 → 2.24 MB with steps until minute 22, then flat for 8 minutes,
 * yet 53 B/poll over its last half). So the slopes printed are over the last half and the last
 * quarter of the run only, in bytes per poll, beside every sample. Prints a table and `BENCH_HEAP_JSON {...}`; exits non-zero only when
 * something could not be measured.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build, preview } from 'vite'
import { createPlexSimulator } from '../../src/testing/createPlexSimulator'
import { startPlexSimulator, type RunningPlexSimulator } from '../../src/testing/startPlexSimulator'
import { benchViteConfig } from './app/vite.config'
import { out, positiveInt } from './support/args'
import { launchCdpChromium, openIsolatedPage, sleep, type CdpBrowser } from './support/cdpBrowser'

const MINUTES = positiveInt('BENCH_HEAP_MINUTES', 30)
const SAMPLE_S = positiveInt('BENCH_HEAP_SAMPLE_S', 120)
const IMPLS = ['widget', 'query', 'baseline'] as const satisfies readonly BenchImpl[]
type Impl = (typeof IMPLS)[number]
const DAY_S = 86_400

interface Page {
  impl: Impl
  sim: RunningPlexSimulator
  sessionId: string
}

interface Sample {
  s: number
  polls: Record<Impl, number>
  heapKB: Record<Impl, number>
}

async function openPage(browser: CdpBrowser, url: string): Promise<string> {
  const { sessionId } = await openIsolatedPage(browser, url)
  await browser.send('Runtime.enable', {}, sessionId)
  return sessionId
}

async function evaluate<T>(browser: CdpBrowser, sessionId: string, expression: string): Promise<T> {
  const { result } = await browser.send<{ result: { value: T } }>('Runtime.evaluate', { expression, returnByValue: true }, sessionId)
  return result.value
}

/** The JS heap in use after two forced collections (the second frees what the first's finalizers let go). */
async function heldHeapKB(browser: CdpBrowser, sessionId: string): Promise<number> {
  await browser.send('HeapProfiler.enable', {}, sessionId)
  await browser.send('HeapProfiler.collectGarbage', {}, sessionId)
  await browser.send('HeapProfiler.collectGarbage', {}, sessionId)
  await browser.send('HeapProfiler.disable', {}, sessionId)
  const { usedSize } = await browser.send<{ usedSize: number }>('Runtime.getHeapUsage', {}, sessionId)
  return Math.round((usedSize / 1024) * 10) / 10
}

/** A slope for the table; a window of one sample has none. */
const perPoll = (bytes: number) => (Number.isFinite(bytes) ? `${bytes.toFixed(2)} B/poll` : 'one sample only')

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / n
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / n
  const covariance = points.reduce((sum, point) => sum + (point.x - meanX) * (point.y - meanY), 0)
  const variance = points.reduce((sum, point) => sum + (point.x - meanX) ** 2, 0)
  return variance === 0 ? Number.NaN : covariance / variance
}

async function main(): Promise<void> {
  const cleanups: (() => Promise<unknown>)[] = []
  try {
    out(`heap bench: ${IMPLS.join(', ')} side by side for ${MINUTES} min, a sample every ${SAMPLE_S} s`)
    const outDir = await mkdtemp(join(tmpdir(), 'plex-login-heap-'))
    cleanups.push(() => rm(outDir, { recursive: true, force: true }))
    const config = benchViteConfig({ outDir })
    await build(config)
    const server = await preview(config)
    cleanups.push(() => server.close())
    const pageUrl = server.resolvedUrls?.local[0]
    if (!pageUrl) throw new Error('the preview server has no local URL')
    const browser = await launchCdpChromium()
    cleanups.push(() => browser.close())

    const pages: Page[] = []
    for (const impl of IMPLS) {
      const sim = await startPlexSimulator({ port: 0, simulator: createPlexSimulator({ linkPinLifetimeS: DAY_S }) })
      cleanups.push(() => sim.close())
      const url = new URL(pageUrl)
      url.searchParams.set('impl', impl)
      url.searchParams.set('api', sim.url)
      pages.push({ impl, sim, sessionId: await openPage(browser, url.href) })
    }
    for (const page of pages) {
      const deadline = Date.now() + 15_000
      while (!(await evaluate<boolean>(browser, page.sessionId, `(window.__benchEvents ?? []).some((event) => event.type === 'code')`))) {
        if (Date.now() > deadline) throw new Error(`${page.impl}: no code on screen after 15 s`)
        await sleep(100)
      }
    }

    const start = Date.now()
    const samples: Sample[] = []
    for (let s = 0; s <= MINUTES * 60; s += SAMPLE_S) {
      await sleep(Math.max(0, start + s * 1000 - Date.now()))
      const sample: Sample = { s, polls: { widget: 0, query: 0, baseline: 0 }, heapKB: { widget: 0, query: 0, baseline: 0 } }
      for (const page of pages) {
        sample.polls[page.impl] = page.sim.simulator.log.filter((entry) => entry.route === 'get-pin').length
        sample.heapKB[page.impl] = await heldHeapKB(browser, page.sessionId)
      }
      samples.push(sample)
      out(`t=${String(s).padStart(5)} s  ${IMPLS.map((impl) => `${impl} ${sample.polls[impl]} polls ${sample.heapKB[impl].toFixed(1)} KB`).join(' | ')}`)
    }

    for (const page of pages) {
      const pins = page.sim.simulator.pins.length
      if (pins !== 1) throw new Error(`${page.impl}: ${pins} PINs created; the run was to wait on one code`)
    }
    /** Bytes per poll over the samples from `fraction` of the run on. */
    const slopeFrom = (impl: Impl, fraction: number) => {
      const late = samples.filter((sample) => sample.s >= MINUTES * 60 * fraction)
      return Math.round(slope(late.map((sample) => ({ x: sample.polls[impl], y: sample.heapKB[impl] * 1024 }))) * 100) / 100
    }
    const result = Object.fromEntries(
      IMPLS.map((impl) => {
        const first = samples[0] as Sample
        const last = samples[samples.length - 1] as Sample
        return [impl, { startKB: first.heapKB[impl], endKB: last.heapKB[impl], polls: last.polls[impl], lastHalfBytesPerPoll: slopeFrom(impl, 1 / 2), lastQuarterBytesPerPoll: slopeFrom(impl, 3 / 4) }]
      }),
    ) as Record<Impl, { startKB: number; endKB: number; polls: number; lastHalfBytesPerPoll: number; lastQuarterBytesPerPoll: number }>
    out()
    out('| page | heap at the first sample | at the last | polls | slope over the last half | over the last quarter |')
    out('| --- | --- | --- | --- | --- | --- |')
    for (const impl of IMPLS) {
      const row = result[impl]
      out(`| ${impl} | ${row.startKB.toFixed(1)} KB | ${row.endKB.toFixed(1)} KB | ${row.polls} | ${perPoll(row.lastHalfBytesPerPoll)} | ${perPoll(row.lastQuarterBytesPerPoll)} |`)
    }
    out('The climb comes in steps of V8 optimised code (tens of KB); a step inside a window reads as a slope. Look at the samples.')
    out(`BENCH_HEAP_JSON ${JSON.stringify({ minutes: MINUTES, sampleS: SAMPLE_S, result, samples })}`)
  } finally {
    for (const step of cleanups.splice(0).reverse()) await step().catch((error: unknown) => process.stderr.write(`cleanup: ${String(error)}\n`))
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`heap bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
})
