/**
 * Latency budget of issue #6: `<PlexLogin>` against a hand-rolled baseline, in Chromium, against
 * the HTTP plex.tv simulator with 150 ms of latency on every answer (preflights included).
 *
 *   npx tsx test/bench/latency.ts            (BENCH_RUNS=5, BENCH_SEED=6, BENCH_CPU_RATE=1 by default)
 *
 * Figures (medians of BENCH_RUNS runs per implementation, each run in a fresh browser context,
 * so no preflight is cached, as on a first visit; the two implementations alternate):
 *   - code answered → code visible: the create POST's answer leaving the simulator to the code in
 *     the DOM (the render that shows it, and parsing); the simulator's clock against the page's.
 *   - mount → code visible: the first render of the component holding the implementation, to the
 *     code being in the DOM (a MutationObserver in the page); both in the page's clock. Also from
 *     navigation start (both implementations are in the same bundle, so loading it costs the same).
 *   - link → onAuthenticated, page visible: `simulator.link(code)` at a seeded random moment in
 *     [0, 1000) ms after the code appeared (the same sequence for both), to the page's
 *     onAuthenticated reaching Node through a DevTools binding; both in Node's clock.
 *   - link → onAuthenticated after a focus return: the page is really hidden (a second tab with
 *     the simulator's /link page opens in front of it), the code is linked 1.5 s later
 *     (TYPING_MS), and 3 s after that the page's tab is activated again. Measured in the page's
 *     clock, from its `visibilitychange` to `visible` until onAuthenticated; 0 when it had
 *     already signed in while hidden (the person finds it done).
 *   - requests (preflights included, from the simulator's log) until the code is on screen, and
 *     per minute while waiting (10 s with the page visible, both pages at once) and while hidden.
 *
 * Prints a table, the raw runs, and one line `BENCH_LATENCY_JSON {...}`. Exits non-zero only when
 * something could not be measured.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { build, preview, type PreviewServer } from 'vite'
import { createPlexSimulator } from '../../src/testing/createPlexSimulator'
import { startPlexSimulator, type RunningPlexSimulator } from '../../src/testing/startPlexSimulator'
import type { SimulatorLogEntry } from '../../src/testing/createPlexSimulator'
import { benchViteConfig } from './app/vite.config'
import { out, positiveInt } from './support/args'
import { launchCdpChromium, openIsolatedPage, sleep, type CdpBrowser } from './support/cdpBrowser'

const LATENCY_MS = 150
const RUNS = positiveInt('BENCH_RUNS', 5)
/** Chromium's CPU throttling of every page (DevTools' "6× slowdown" stands for a mid-range phone). */
const CPU_RATE = positiveInt('BENCH_CPU_RATE', 1)
const SEED = positiveInt('BENCH_SEED', 6)
/** How long the rate of requests is measured, page visible and then page hidden. */
const RATE_WINDOW_MS = 10_000
/** Code on screen → tab switch to plex.tv/link: at least this, plus a seeded [0, 1000) ms. */
const LOOKING_MS = 1500
/** Hidden → link: the person types the code on plex.tv/link. */
const TYPING_MS = 1500
/** Link → return: the person reads "Linked!" and switches back. */
const AWAY_AFTER_LINK_MS = 3000
/** The focus-return runs of both implementations overlap, this far apart, so no two returns coincide. */
const PAIR_STAGGER_MS = 1000
const IMPLS = ['widget', 'baseline'] as const
type Impl = (typeof IMPLS)[number]

/** mulberry32: a small seeded PRNG, so both implementations get the same link moments. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

const round1 = (value: number) => Math.round(value * 10) / 10

// -------------------------------------------------------------------------------------------
// A page of the bench app in its own browser context, reporting through a DevTools binding.
// -------------------------------------------------------------------------------------------

/** A page event with Node's clocks at its arrival (`performance.now()` and `Date.now()`). */
type PageEvent = BenchEvent & { nodeT: number; nodeDate: number }

const BINDING = '__benchReport'

class BenchPage {
  readonly events: PageEvent[] = []
  readonly diagnostics: string[] = []
  private waiters = new Set<() => void>()

  private constructor(
    private readonly browser: CdpBrowser,
    readonly browserContextId: string,
    readonly targetId: string,
    readonly sessionId: string,
  ) {}

  static readonly bySession = new Map<string, BenchPage>()

  /** Routes the browser's binding calls and console errors to the page they came from. */
  static listen(browser: CdpBrowser): void {
    browser.on('Runtime.bindingCalled', (params, sessionId) => {
      const nodeT = performance.now()
      const nodeDate = Date.now()
      const page = sessionId === undefined ? undefined : BenchPage.bySession.get(sessionId)
      if (!page || params.name !== BINDING) return
      page.events.push({ ...(JSON.parse(String(params.payload)) as BenchEvent), nodeT, nodeDate })
      for (const wake of page.waiters) wake()
    })
    browser.on('Runtime.exceptionThrown', (params, sessionId) => {
      const page = sessionId === undefined ? undefined : BenchPage.bySession.get(sessionId)
      const details = params.exceptionDetails as { text?: string; exception?: { description?: string } } | undefined
      page?.diagnostics.push(`exception: ${details?.exception?.description ?? details?.text ?? '?'}`)
    })
    browser.on('Runtime.consoleAPICalled', (params, sessionId) => {
      const page = sessionId === undefined ? undefined : BenchPage.bySession.get(sessionId)
      if (!page || (params.type !== 'error' && params.type !== 'warning')) return
      const args = (params.args as { value?: unknown; description?: string }[] | undefined) ?? []
      page.diagnostics.push(`console.${String(params.type)}: ${args.map((arg) => String(arg.value ?? arg.description ?? '')).join(' ')}`)
    })
  }

  /** A fresh browser context (no cache, no cached preflight) with one tab opened at `url`. */
  static async open(browser: CdpBrowser, url: string): Promise<BenchPage> {
    // Blank first: the binding and the throttling must be in place before the page's first script.
    const { browserContextId, targetId, sessionId } = await openIsolatedPage(browser, 'about:blank')
    const page = new BenchPage(browser, browserContextId, targetId, sessionId)
    BenchPage.bySession.set(sessionId, page)
    await browser.send('Runtime.enable', {}, sessionId)
    await browser.send('Runtime.addBinding', { name: BINDING }, sessionId)
    if (CPU_RATE > 1) await browser.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE }, sessionId)
    await browser.send('Page.navigate', { url }, sessionId)
    return page
  }

  /** The first event (already arrived or still to come) that matches, or a failure after `timeoutMs`. */
  waitFor<T extends PageEvent>(what: string, match: (event: PageEvent) => event is T, timeoutMs = 15_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = this.events.find(match)
        if (!found) return false
        cleanup()
        resolve(found)
        return true
      }
      const timer = setTimeout(() => {
        cleanup()
        const seen = this.events.map((event) => event.type + ('state' in event ? `:${event.state}` : '')).join(', ')
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (page events: ${seen || 'none'}; ${this.diagnostics.slice(-5).join(' | ') || 'no console errors'})`))
      }, timeoutMs)
      const cleanup = () => {
        clearTimeout(timer)
        this.waiters.delete(check)
      }
      this.waiters.add(check)
      check()
    })
  }

  find<T extends PageEvent>(match: (event: PageEvent) => event is T): T | undefined {
    return this.events.find(match)
  }

  async evaluate(expression: string): Promise<void> {
    const result = await this.browser.send<{ exceptionDetails?: { text: string } }>('Runtime.evaluate', { expression, awaitPromise: true }, this.sessionId)
    if (result.exceptionDetails) throw new Error(`page evaluation failed: ${result.exceptionDetails.text}`)
  }

  /** Opens another tab in the same window and context, in front of this one. */
  async openTabInFront(url: string): Promise<string> {
    const { targetId } = await this.browser.send<{ targetId: string }>('Target.createTarget', {
      url,
      browserContextId: this.browserContextId,
      newWindow: false,
      background: false,
    })
    return targetId
  }

  async activate(): Promise<void> {
    await this.browser.send('Target.activateTarget', { targetId: this.targetId })
  }

  async close(): Promise<void> {
    BenchPage.bySession.delete(this.sessionId)
    await this.browser.send('Target.disposeBrowserContext', { browserContextId: this.browserContextId }).catch(() => {})
  }
}

const is =
  <K extends PageEvent['type']>(type: K) =>
  (event: PageEvent): event is Extract<PageEvent, { type: K }> =>
    event.type === type

const isVisibility = (state: DocumentVisibilityState, after = -Infinity) => (event: PageEvent): event is Extract<PageEvent, { type: 'visibility' }> =>
  event.type === 'visibility' && event.state === state && event.t > after

// -------------------------------------------------------------------------------------------
// The runs
// -------------------------------------------------------------------------------------------

interface Context {
  browser: CdpBrowser
  sim: RunningPlexSimulator
  pageUrl: string
}

function benchUrl({ pageUrl, sim }: Context, impl: Impl): string {
  const url = new URL(pageUrl)
  url.searchParams.set('impl', impl)
  url.searchParams.set('api', sim.url)
  return url.href
}

function countByRoute(entries: SimulatorLogEntry[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const entry of entries) counts[entry.route] = (counts[entry.route] ?? 0) + 1
  return counts
}

interface OpenedRun {
  page: BenchPage
  start: Extract<PageEvent, { type: 'start' }>
  mount: Extract<PageEvent, { type: 'mount' }>
  code: Extract<PageEvent, { type: 'code' }>
  /** The simulator's log when the code reached Node: every request it took to show the code. */
  requestsToCode: SimulatorLogEntry[]
}

async function openUntilCode(ctx: Context, impl: Impl): Promise<OpenedRun> {
  const page = await BenchPage.open(ctx.browser, benchUrl(ctx, impl))
  try {
    const code = await page.waitFor('the code on screen', is('code'))
    const requestsToCode = [...ctx.sim.simulator.log]
    const start = await page.waitFor('the start event', is('start'))
    const mount = await page.waitFor('the first render', is('mount'))
    if (start.impl !== impl) throw new Error(`the page runs ${start.impl}, not ${impl}`)
    return { page, start, mount, code, requestsToCode }
  } catch (error) {
    await page.close()
    throw error
  }
}

interface VisibleRun {
  phaseMs: number
  mountToCodeMs: number
  navToCodeMs: number
  requestsToCode: number
  requestsToCodeByRoute: Record<string, number>
  linkToAuthMs: number
  /** The same interval from the page's epoch clock (`timeOrigin + now`), a cross-check. */
  linkToAuthPageEpochMs: number
  requestsLinkToAuth: Record<string, number>
  /** Code on screen → the first GET of the PIN at the simulator (its clock, 1 ms resolution). */
  firstPollAfterCodeMs: number | null
  /** The GET that found the token, arrival at the simulator → onAuthenticated in Node. */
  tokenPollToAuthMs: number | null
  /** Mount (page epoch clock) → the first request at the simulator (preflight or POST). */
  mountToFirstRequestMs: number | null
  /** The POST's answer leaving the simulator (arrival + latency) → code in the DOM (page epoch clock). */
  createAnsweredToCodeMs: number | null
}

function pinPathOf(ctx: Context, run: OpenedRun): string {
  const pin = ctx.sim.simulator.pins.find((candidate) => candidate.clientIdentifier === run.start.clientIdentifier)
  if (!pin) throw new Error(`the simulator has no PIN for client identifier ${run.start.clientIdentifier}`)
  return `/api/v2/pins/${pin.id}`
}

async function runVisible(ctx: Context, impl: Impl, phaseMs: number): Promise<VisibleRun> {
  ctx.sim.simulator.reset()
  const opened = await openUntilCode(ctx, impl)
  const { page, start, mount, code, requestsToCode } = opened
  try {
    await sleep(Math.max(0, code.nodeT + phaseMs - performance.now()))
    const linkDate = Date.now()
    const linkT = performance.now()
    const linkEpoch = performance.timeOrigin + linkT
    const linked = ctx.sim.simulator.link(code.code)
    if (!linked.ok) throw new Error(`the simulator could not link ${code.code}: ${linked.reason}`)
    const auth = await page.waitFor('onAuthenticated', is('authenticated'))
    const polls = ctx.sim.simulator.log.filter((entry) => entry.route === 'get-pin' && entry.path === pinPathOf(ctx, opened))
    const tokenPoll = polls.find((entry) => entry.time >= linkDate)
    const create = requestsToCode.find((entry) => entry.route === 'create-pin')
    const first = requestsToCode[0]
    return {
      phaseMs,
      mountToCodeMs: code.t - mount.t,
      navToCodeMs: code.t,
      requestsToCode: requestsToCode.length,
      requestsToCodeByRoute: countByRoute(requestsToCode),
      linkToAuthMs: auth.nodeT - linkT,
      linkToAuthPageEpochMs: start.timeOrigin + auth.t - linkEpoch,
      requestsLinkToAuth: countByRoute(ctx.sim.simulator.log.filter((entry) => entry.time >= linkDate && entry.time <= auth.nodeDate)),
      firstPollAfterCodeMs: polls[0] ? polls[0].time - code.nodeDate : null,
      tokenPollToAuthMs: tokenPoll ? auth.nodeDate - tokenPoll.time : null,
      mountToFirstRequestMs: first ? first.time - (start.timeOrigin + mount.t) : null,
      createAnsweredToCodeMs: create ? start.timeOrigin + code.t - (create.time + LATENCY_MS) : null,
    }
  } finally {
    await page.close()
  }
}

type HideMode = 'real' | 'emulated'

/**
 * Hides the page as a person does who opens plex.tv/link: a second tab, in front of it, with the
 * simulator's /link page for the code. Falls back to an overridden `document.visibilityState`
 * when the browser does not hide the page (never seen with this Chromium, but said if it happens).
 */
async function hide(ctx: Context, page: BenchPage, code: string): Promise<{ mode: HideMode; hidden: Extract<PageEvent, { type: 'visibility' }> }> {
  await page.openTabInFront(`${ctx.sim.linkUrl}?pin=${code}`)
  const hidden = await page.waitFor('visibilitychange to hidden', isVisibility('hidden'), 2000).catch(() => undefined)
  if (hidden) return { mode: 'real', hidden }
  await page.evaluate(`window.__benchEmulateVisibility('hidden')`)
  return { mode: 'emulated', hidden: await page.waitFor('emulated visibilitychange to hidden', isVisibility('hidden'), 2000) }
}

interface FocusReturnRun {
  phaseMs: number
  mode: HideMode
  /** What the person waits after coming back: 0 when it signed in while hidden. */
  waitAfterReturnMs: number
  /** onAuthenticated − visibilitychange(visible), page clock; negative: signed in while hidden. */
  authMinusReturnMs: number
  /** The same from Node: activateTarget sent → onAuthenticated arrived. */
  authMinusReturnNodeMs: number
  authenticatedWhileHidden: boolean
  hiddenMs: number
  /** Requests for this PIN while hidden (the run stops once signed in). */
  requestsWhileHidden: Record<string, number>
  requestsReturnToAuth: Record<string, number>
  sawFocusOnReturn: boolean
}

/**
 * The code is on screen; the person looks at it for LOOKING_MS + phase, opens plex.tv/link in
 * another tab (the page is hidden), types the code for TYPING_MS, it is linked, and AWAY_AFTER_LINK_MS
 * later they switch back. Measured: the return (`visibilitychange` to visible) → onAuthenticated.
 */
async function runFocusReturn(ctx: Context, impl: Impl, phaseMs: number): Promise<FocusReturnRun> {
  const opened = await openUntilCode(ctx, impl)
  const { page, code } = opened
  try {
    const pinPath = pinPathOf(ctx, opened)
    await sleep(Math.max(0, code.nodeT + LOOKING_MS + phaseMs - performance.now()))
    const { mode, hidden } = await hide(ctx, page, code.code)
    await sleep(Math.max(0, hidden.nodeT + TYPING_MS - performance.now()))
    const linked = ctx.sim.simulator.link(code.code)
    if (!linked.ok) throw new Error(`the simulator could not link ${code.code}: ${linked.reason}`)
    await sleep(AWAY_AFTER_LINK_MS)

    const returnDate = Date.now()
    const returnT = performance.now()
    if (mode === 'real') await page.activate()
    else await page.evaluate(`window.__benchEmulateVisibility('visible')`)
    const visible = await page.waitFor('visibilitychange back to visible', isVisibility('visible', hidden.t), 5000)
    const auth = await page.waitFor('onAuthenticated', is('authenticated'))
    if (mode === 'real' && (visible.emulated || hidden.emulated)) throw new Error('internal: real mode saw an emulated event')

    const mine = ctx.sim.simulator.log.filter((entry) => entry.path === pinPath)
    const authMinusReturnMs = auth.t - visible.t
    return {
      phaseMs,
      mode,
      waitAfterReturnMs: Math.max(0, authMinusReturnMs),
      authMinusReturnMs,
      authMinusReturnNodeMs: auth.nodeT - returnT,
      authenticatedWhileHidden: auth.t < visible.t,
      hiddenMs: returnDate - hidden.nodeDate,
      requestsWhileHidden: countByRoute(mine.filter((entry) => entry.time >= hidden.nodeDate && entry.time < returnDate)),
      requestsReturnToAuth: countByRoute(mine.filter((entry) => entry.time >= returnDate && entry.time <= Math.max(returnDate, auth.nodeDate))),
      sawFocusOnReturn: page.events.some((event) => event.type === 'focus' && event.t >= visible.t - 50),
    }
  } finally {
    await page.close()
  }
}

interface RateWindow {
  windowMs: number
  requests: number
  byRoute: Record<string, number>
  perMinute: number
}

interface RateRun {
  visible: RateWindow
  hidden: RateWindow
  hideMode: HideMode
}

function rateWindow(log: SimulatorLogEntry[], path: string, from: number): RateWindow {
  const entries = log.filter((entry) => entry.path === path && entry.time >= from && entry.time < from + RATE_WINDOW_MS)
  return { windowMs: RATE_WINDOW_MS, requests: entries.length, byRoute: countByRoute(entries), perMinute: (entries.length * 60_000) / RATE_WINDOW_MS }
}

/**
 * Both pages at once (only requests are counted here), nobody links: RATE_WINDOW_MS from the
 * code appearing with the page visible, then RATE_WINDOW_MS from the page being hidden.
 */
async function runRates(ctx: Context): Promise<Record<Impl, RateRun>> {
  ctx.sim.simulator.reset()
  const opened: OpenedRun[] = []
  try {
    for (const impl of IMPLS) opened.push(await openUntilCode(ctx, impl))
    const paths = opened.map((run) => pinPathOf(ctx, run))
    const lastCode = Math.max(...opened.map((run) => run.code.nodeT))
    await sleep(Math.max(0, lastCode + RATE_WINDOW_MS - performance.now()))
    const hides = await Promise.all(opened.map((run) => hide(ctx, run.page, run.code.code)))
    const lastHidden = Math.max(...hides.map(({ hidden }) => hidden.nodeT))
    await sleep(Math.max(0, lastHidden + RATE_WINDOW_MS + 200 - performance.now()))

    const log = [...ctx.sim.simulator.log]
    const stray = log.filter((entry) => entry.route !== 'create-pin' && entry.path !== '/api/v2/pins' && !paths.includes(entry.path))
    if (stray.length > 0) throw new Error(`requests that belong to neither PIN: ${stray.map((entry) => `${entry.method} ${entry.path}`).join(', ')}`)
    const result = {} as Record<Impl, RateRun>
    opened.forEach((run, index) => {
      const impl = IMPLS[index] as Impl
      const path = paths[index] as string
      const { mode, hidden } = hides[index] as Awaited<ReturnType<typeof hide>>
      result[impl] = { visible: rateWindow(log, path, run.code.nodeDate), hidden: rateWindow(log, path, hidden.nodeDate), hideMode: mode }
    })
    return result
  } finally {
    await Promise.all(opened.map((run) => run.page.close()))
  }
}

// -------------------------------------------------------------------------------------------
// Report
// -------------------------------------------------------------------------------------------

interface Row {
  key: string
  label: string
  unit: 'ms' | 'count' | '/min'
  widget: number[]
  baseline: number[]
}

function formatNumber(value: number, unit: Row['unit']): string {
  if (Number.isNaN(value)) return 'n/a'
  return unit === 'ms' ? value.toFixed(1) : unit === '/min' ? value.toFixed(1) : String(round1(value))
}

function ratio(baseline: number, widget: number): number | null {
  if (!Number.isFinite(baseline) || !Number.isFinite(widget) || widget === 0) return null
  return baseline / widget
}

function printTable(rows: Row[]): void {
  const header = ['metric', 'widget median', 'baseline median', 'ratio (baseline/widget)', 'runs (widget/baseline)']
  const body = rows.map((row) => {
    const w = median(row.widget)
    const b = median(row.baseline)
    const r = ratio(b, w)
    const unit = row.unit === 'count' ? '' : ` ${row.unit === 'ms' ? 'ms' : '/min'}`
    return [row.label, `${formatNumber(w, row.unit)}${unit}`, `${formatNumber(b, row.unit)}${unit}`, r === null ? 'n/a' : `${r.toFixed(2)}×`, `${row.widget.length}/${row.baseline.length}`]
  })
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => (cells[column] ?? '').length)))
  const line = (cells: string[]) => `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(' | ')} |`
  out(line(header))
  out(`|${widths.map((width, column) => (column === 0 ? ':' : '-') + '-'.repeat(width) + (column === 0 ? '-' : ':')).join('|')}|`)
  for (const cells of body) out(line(cells))
}

// -------------------------------------------------------------------------------------------
// Main
// -------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const wallStart = performance.now()
  const cleanups: (() => Promise<unknown>)[] = []
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch((error: unknown) => process.stderr.write(`cleanup: ${String(error)}\n`))
  }
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: cleaning up\n`)
    void cleanup().finally(() => process.exit(130))
  }
  // A reader that went away (a closed pipe) must not stop the cleanup.
  process.stdout.on('error', () => {})
  process.stderr.on('error', () => {})
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)

  try {
    out(`latency bench: ${RUNS} runs per implementation, seed ${SEED}, simulator latency ${LATENCY_MS} ms on every answer`)
    const outDir = await mkdtemp(join(tmpdir(), 'plex-login-bench-'))
    cleanups.push(() => rm(outDir, { recursive: true, force: true }))
    const config = benchViteConfig({ outDir })

    const buildStart = performance.now()
    // allSettled: when one fails, the others have finished (and registered their cleanup) first.
    const [simulatorStarted, browserLaunched, built] = await Promise.allSettled([
      // The latency given at creation: reset() between runs puts latencyMs back to it.
      startPlexSimulator({ port: 0, simulator: createPlexSimulator({ latencyMs: LATENCY_MS }) }).then((running) => {
        cleanups.push(() => running.close())
        return running
      }),
      launchCdpChromium().then((launched) => {
        cleanups.push(() => launched.close())
        return launched
      }),
      build(config),
    ])
    for (const settled of [simulatorStarted, browserLaunched, built]) if (settled.status === 'rejected') throw settled.reason
    if (simulatorStarted.status !== 'fulfilled' || browserLaunched.status !== 'fulfilled') throw new Error('unreachable')
    const sim = simulatorStarted.value
    const browser = browserLaunched.value
    const server: PreviewServer = await preview(config)
    cleanups.push(() => server.close())
    const pageUrl = server.resolvedUrls?.local[0]
    if (!pageUrl) throw new Error('the preview server has no local URL')
    if (new URL(pageUrl).origin === new URL(sim.url).origin) throw new Error('the page and the simulator share an origin: CORS would not be exercised')
    const version = await browser.send<{ product: string }>('Browser.getVersion')
    out(`built and served in ${((performance.now() - buildStart) / 1000).toFixed(1)} s: page ${pageUrl} (vite preview, production build), simulator ${sim.url}, ${version.product} headless`)
    BenchPage.listen(browser)
    const ctx: Context = { browser, sim, pageUrl }

    // Warm-up, not measured: Chromium's first renderer, the preview server's first file reads.
    for (const impl of IMPLS) {
      const run = await openUntilCode(ctx, impl)
      await run.page.close()
    }

    const random = seededRandom(SEED)
    const visiblePhases = Array.from({ length: RUNS }, () => random() * 1000)
    const hiddenPhases = Array.from({ length: RUNS }, () => random() * 1000)
    const orderOf = (index: number): readonly Impl[] => (index % 2 === 0 ? IMPLS : [...IMPLS].reverse())

    // One at a time: these figures are sensitive to CPU contention.
    const visible: Record<Impl, VisibleRun[]> = { widget: [], baseline: [] }
    for (let index = 0; index < RUNS; index += 1) {
      for (const impl of orderOf(index)) visible[impl].push(await runVisible(ctx, impl, visiblePhases[index] as number))
    }
    out(`visible runs done (${((performance.now() - wallStart) / 1000).toFixed(1)} s)`)

    // Mostly waiting, so the two implementations run side by side in separate browser contexts
    // (separate windows), the second one PAIR_STAGGER_MS later so their returns never coincide.
    const focusReturn: Record<Impl, FocusReturnRun[]> = { widget: [], baseline: [] }
    for (let index = 0; index < RUNS; index += 1) {
      ctx.sim.simulator.reset()
      const [first, second] = orderOf(index) as [Impl, Impl]
      const phase = hiddenPhases[index] as number
      const [a, b] = await Promise.all([
        runFocusReturn(ctx, first, phase),
        sleep(PAIR_STAGGER_MS).then(() => runFocusReturn(ctx, second, phase)),
      ])
      focusReturn[first].push(a)
      focusReturn[second].push(b)
    }
    out(`focus-return runs done (${((performance.now() - wallStart) / 1000).toFixed(1)} s)`)

    const rates = await runRates(ctx)
    out(`request-rate windows done (${((performance.now() - wallStart) / 1000).toFixed(1)} s)`)

    const modes = new Set([...IMPLS.flatMap((impl) => focusReturn[impl].map((run) => run.mode)), ...IMPLS.map((impl) => rates[impl].hideMode)])
    const hideMode = modes.size === 1 ? ([...modes][0] as HideMode) : 'mixed'
    // Each row: a figure, picked per implementation from the same runs.
    const row = (key: string, label: string, unit: Row['unit'], pick: (impl: Impl) => number[]): Row => ({
      key,
      label,
      unit,
      widget: pick('widget'),
      baseline: pick('baseline'),
    })
    const windowLabel = `(${RATE_WINDOW_MS / 1000} s ×${60_000 / RATE_WINDOW_MS})`
    const rows: Row[] = [
      row('mountToCodeMs', 'mount → code visible', 'ms', (impl) => visible[impl].map((run) => run.mountToCodeMs)),
      row('navToCodeMs', 'navigation start → code visible', 'ms', (impl) => visible[impl].map((run) => run.navToCodeMs)),
      row('createAnsweredToCodeMs', 'code answered → code visible (the render)', 'ms', (impl) => visible[impl].flatMap((run) => (run.createAnsweredToCodeMs === null ? [] : [run.createAnsweredToCodeMs]))),
      row('linkToAuthVisibleMs', 'link → onAuthenticated (page visible)', 'ms', (impl) => visible[impl].map((run) => run.linkToAuthMs)),
      row('focusReturnToAuthMs', 'focus return → onAuthenticated (linked while hidden)', 'ms', (impl) => focusReturn[impl].map((run) => run.waitAfterReturnMs)),
      row('requestsToCode', 'requests until the code is on screen', 'count', (impl) => visible[impl].map((run) => run.requestsToCode)),
      row('requestsPerMinuteVisible', `requests/min while waiting, visible ${windowLabel}`, '/min', (impl) => [rates[impl].visible.perMinute]),
      row('requestsPerMinuteHidden', `requests/min while waiting, hidden ${windowLabel}`, '/min', (impl) => [rates[impl].hidden.perMinute]),
    ]

    // Every answer waits LATENCY_MS, so no code can show sooner: figures below that were measured
    // without it (a simulator whose latency a reset() took away once printed 35 ms here).
    const fastest = Math.min(...IMPLS.flatMap((impl) => visible[impl].map((run) => run.mountToCodeMs)))
    if (fastest < LATENCY_MS) throw new Error(`a code showed ${fastest.toFixed(1)} ms after mount, sooner than the simulator's ${LATENCY_MS} ms latency allows: the latency was not applied`)

    out()
    printTable(rows)
    out()
    out(`Latency ${LATENCY_MS} ms on every answer of the simulator, preflights included. Requests include preflights.${CPU_RATE > 1 ? ` CPU throttled ${CPU_RATE}×.` : ''}`)
    out(`mount = first render of the component holding the implementation; code visible = in the DOM (MutationObserver).`)
    out(`Navigation start → code includes loading one bundle that holds both implementations.`)
    out(`Visible: linked ${visiblePhases.map((phase) => phase.toFixed(0)).join(', ')} ms after the code appeared (seed ${SEED}); timed in Node, link → callback via a DevTools binding.`)
    out(`Focus return: the code stays on screen ${LOOKING_MS} ms + ${hiddenPhases.map((phase) => phase.toFixed(0)).join('/')} ms, then the simulator's /link page opens in a`)
    out(`  second tab in front of it, the code is linked ${TYPING_MS} ms later and the page's tab is activated again ${AWAY_AFTER_LINK_MS} ms after the link.`)
    out(
      hideMode === 'real'
        ? `  Hiding was real: every page saw visibilitychange → hidden and → visible (Chromium tab switch, no emulation).`
        : `  Hiding was ${hideMode === 'emulated' ? 'EMULATED' : 'partly EMULATED'}: document.visibilityState overridden in the page and visibilitychange dispatched.`,
    )
    out(`  Timed in the page's clock from visibilitychange → visible to onAuthenticated; 0 when it signed in while still hidden.`)
    for (const impl of IMPLS) {
      const runs = focusReturn[impl]
      out(`  ${impl}: signed in while still hidden in ${runs.filter((run) => run.authenticatedWhileHidden).length}/${RUNS} runs; a window focus event came with the return in ${runs.filter((run) => run.sawFocusOnReturn).length}/${RUNS}.`)
    }

    out()
    out('Raw runs')
    for (const row of rows) {
      for (const impl of IMPLS) out(`  ${row.label} [${impl}]: ${row[impl].map((value) => formatNumber(value, row.unit)).join(', ')}`)
    }
    const list = (values: (number | null)[]) => values.map((value) => (value === null ? 'n/a' : value.toFixed(1))).join(', ')
    for (const impl of IMPLS) {
      out(`  [${impl}] visible: mount → first request at the simulator: ${list(visible[impl].map((run) => run.mountToFirstRequestMs))}; POST answered → code in the DOM: ${list(visible[impl].map((run) => run.createAnsweredToCodeMs))}`)
      out(`  [${impl}] visible: link → callback from the page's epoch clock (cross-check): ${list(visible[impl].map((run) => run.linkToAuthPageEpochMs))}`)
      out(`  [${impl}] visible: code → first poll at the simulator: ${list(visible[impl].map((run) => run.firstPollAfterCodeMs))}; token poll at the simulator → callback: ${list(visible[impl].map((run) => run.tokenPollToAuthMs))}`)
      out(`  [${impl}] visible: requests until code ${visible[impl].map((run) => JSON.stringify(run.requestsToCodeByRoute)).join(' ')}; link → callback ${visible[impl].map((run) => JSON.stringify(run.requestsLinkToAuth)).join(' ')}`)
      out(`  [${impl}] focus return: callback − return, signed (negative = signed in while hidden): page ${list(focusReturn[impl].map((run) => run.authMinusReturnMs))}; Node (activateTarget sent → callback) ${list(focusReturn[impl].map((run) => run.authMinusReturnNodeMs))}`)
      out(`  [${impl}] focus return: requests while hidden ${focusReturn[impl].map((run) => `${JSON.stringify(run.requestsWhileHidden)}/${(run.hiddenMs / 1000).toFixed(1)}s`).join(' ')}; return → callback ${focusReturn[impl].map((run) => JSON.stringify(run.requestsReturnToAuth)).join(' ')}`)
      out(`  [${impl}] rate windows: visible ${JSON.stringify(rates[impl].visible.byRoute)}, hidden ${JSON.stringify(rates[impl].hidden.byRoute)} (${RATE_WINDOW_MS} ms each)`)
    }

    const wallS = (performance.now() - wallStart) / 1000
    out()
    out(`wall time ${wallS.toFixed(1)} s`)
    const json = {
      version: 1,
      chromium: version.product,
      latencyMs: LATENCY_MS,
      cpuRate: CPU_RATE,
      runs: RUNS,
      seed: SEED,
      hideMode,
      wallTimeS: round1(wallS),
      metrics: Object.fromEntries(
        rows.map((row) => {
          const w = median(row.widget)
          const b = median(row.baseline)
          const r = ratio(b, w)
          return [row.key, { unit: row.unit, widgetMedian: round1(w), baselineMedian: round1(b), ratio: r === null ? null : Math.round(r * 1000) / 1000, widget: row.widget.map(round1), baseline: row.baseline.map(round1) }]
        }),
      ),
      visiblePhasesMs: visiblePhases.map(round1),
      hiddenPhasesMs: hiddenPhases.map(round1),
      scenario: { lookingMs: LOOKING_MS, typingMs: TYPING_MS, awayAfterLinkMs: AWAY_AFTER_LINK_MS, pairStaggerMs: PAIR_STAGGER_MS, rateWindowMs: RATE_WINDOW_MS },
      authenticatedWhileHidden: Object.fromEntries(IMPLS.map((impl) => [impl, focusReturn[impl].filter((run) => run.authenticatedWhileHidden).length])),
      runsDetail: { visible, focusReturn, rates },
    }
    out(`BENCH_LATENCY_JSON ${JSON.stringify(json)}`)
    return 0
  } catch (error) {
    process.stderr.write(`latency bench: could not measure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    return 1
  } finally {
    await cleanup()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

process.exitCode = await main()
