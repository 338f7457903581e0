import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Browser, ConsoleMessage } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Testing from '../../src/testing'
import { launchChromium } from '../e2e/support/browser'
import { jestAppFiles } from './support/jestApp'
import { run } from './support/run'
import { nodeOnlyFiles, readmeSnippets, writeFiles, writeScratchApp, type ConsumerState } from './support/scratchApp'
import { serveDirectory } from './support/staticServer'

/**
 * The package as a consumer gets it: `npm pack`, then a scratch Vite + React app per supported
 * React major that installs the tarball from scratch, type-checks against the published
 * declarations, builds, and signs in through the built page in Chromium against the simulator
 * from the installed `react-plex-login/testing`.
 *
 * The installs dominate (npm's cache makes the second run much faster); each step's time is
 * printed. `KEEP_CONSUMER_APPS=1` keeps the scratch apps for a look afterwards.
 */

/** The repository; a function because under jsdom (where this file is skipped) `import.meta.url` is no file URL. */
const repo = (...path: string[]) => join(fileURLToPath(new URL('../..', import.meta.url)), ...path)
const REACT_MAJORS = [18, 19] as const
/**
 * The React 18 app installs the oldest versions the peer ranges admit (react 18.0.0, TanStack
 * Query 5.0.0, whose first releases predate React 19); the React 19 app the newest. A range that
 * claims versions nobody runs is a promise nobody checked.
 */
const peerFloor = (name: string) =>
  ((JSON.parse(readFileSync(repo('package.json'), 'utf8')) as { peerDependencies: Record<string, string> }).peerDependencies[name] ?? '').match(/\d+\.\d+\.\d+/)?.[0] ?? ''
const versionsFor = (reactMajor: 18 | 19) =>
  reactMajor === 18 ? { react: peerFloor('react'), tanstackQuery: peerFloor('@tanstack/react-query') } : { react: '^19', tanstackQuery: '^5' }
/** What `dist/` must hold before packing, and what the tarball must carry. */
const REQUIRED_FILES = ['dist/index.js', 'dist/index.d.ts', 'dist/styles.css', 'dist/testing.js', 'dist/testing/index.d.ts', 'dist/testing/msw.js', 'dist/testing/msw.d.ts', 'package.json', 'README.md', 'LICENSE']
const NPM_INSTALL_FLAGS = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error']
const KEEP = process.env.KEEP_CONSUMER_APPS === '1'

let workDir: string
let tarball: string
let browser: Browser | undefined
let launching: Promise<Browser> | undefined
let packedFiles: string[]
const timings: string[] = []

function note(line: string) {
  timings.push(line)
  process.stdout.write(`[consumer] ${line}\n`)
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

/** Newest modification time under `path` (a file or a directory tree), in ms. */
function newestMtime(path: string): number {
  const stats = statSync(path)
  if (!stats.isDirectory()) return stats.mtimeMs
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stats.mtimeMs)
}

/** Builds `dist/` when it is missing or older than what it is built from (`npm test` builds first anyway). */
async function ensureBuilt() {
  const outputs = REQUIRED_FILES.filter((file) => file.startsWith('dist/')).map((file) => repo(file))
  const inputs = ['src', 'vite.config.ts', 'tsconfig.build.json', 'tsconfig.json'].map((path) => repo(path))
  const stale = outputs.some((file) => !existsSync(file)) || Math.max(...inputs.map(newestMtime)) > Math.min(...outputs.map((file) => statSync(file).mtimeMs))
  if (!stale) return
  const build = await run('npm', ['run', 'build'], { cwd: repo(), timeoutMs: 180_000 }).catch((error: unknown) => {
    throw new Error(`dist/ is missing or older than src/, and "npm run build" failed: ${error instanceof Error ? error.message : String(error)}`)
  })
  note(`npm run build (dist/ was missing or stale): ${seconds(build.ms)}`)
}

// Run by npm run test:e2e (test/e2e/vitest.config.ts); the unit config excludes test/consumer.
// The apps install, type-check and build at the same time (one after another took 66 s of the
// suite); each test asserts with its own `expect`, as Vitest requires of concurrent tests.
describe.concurrent('react-plex-login as installed from its tarball', () => {
  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'react-plex-login-consumer-'))
    launching = launchChromium().then((launched) => (browser = launched))
    await ensureBuilt()
    await launching
    const pack = await run('npm', ['pack', '--json', '--pack-destination', workDir], { cwd: repo(), timeoutMs: 60_000 })
    const [result] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[]
    if (!result) throw new Error(`npm pack printed no result: ${pack.stdout}`)
    tarball = join(workDir, result.filename)
    packedFiles = result.files.map((file) => file.path).sort()
    note(`npm pack: ${seconds(pack.ms)}, ${packedFiles.length} files, ${(statSync(tarball).size / 1024).toFixed(1)} kB`)
  }, 240_000)

  afterAll(async () => {
    await launching?.catch(() => undefined)
    await browser?.close()
    if (workDir && KEEP) note(`scratch apps kept in ${workDir}`)
    else if (workDir) await rm(workDir, { recursive: true, force: true })
    if (timings.length > 0) process.stdout.write(`[consumer] summary\n${timings.map((line) => `  ${line}`).join('\n')}\n`)
  })

  describe('the packed package', () => {
    it('carries the built entry points, their types, the stylesheet and nothing from the source tree', () => {
      for (const file of REQUIRED_FILES) expect(packedFiles, `the tarball should contain ${file}`).toContain(file)
      const outside = packedFiles.filter((file) => !file.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE', 'LICENSE.md'].includes(file))
      expect(outside, 'files outside dist/ besides package.json, README and LICENSE').toEqual([])
      expect(packedFiles.filter((file) => /(^|\/)(src|test|stories|node_modules)\//.test(file) || /\.test\.|\.stories\./.test(file))).toEqual([])

      // Every file the exports map names is in the tarball.
      const manifest = JSON.parse(readFileSync(repo('package.json'), 'utf8')) as { exports: Record<string, string | Record<string, string>> }
      const targets = Object.values(manifest.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)))
      for (const target of targets) expect(packedFiles, `exports names ${target}`).toContain(target.replace(/^\.\//, ''))
    })
  })

  describe('a Node script without React', () => {
    it('installs with --omit=peer and signs in through react-plex-login/client and /testing', { timeout: 120_000 }, async ({ expect }) => {
      const app = join(workDir, 'node-only')
      await writeFiles(app, nodeOnlyFiles(tarball))
      const install = await run('npm', ['install', '--omit=peer', ...NPM_INSTALL_FLAGS], { cwd: app, timeoutMs: 90_000 })
      note(`Node only: npm install --omit=peer ${seconds(install.ms)}`)
      for (const peer of ['react', 'react-dom', '@tanstack/react-query']) expect(existsSync(join(app, 'node_modules', peer)), `${peer} is not installed`).toBe(false)
      const check = await run(process.execPath, ['scripts/simulator-check.mjs'], { cwd: app, timeoutMs: 30_000 })
      expect(JSON.parse(check.stdout.trim())).toMatchObject({ code: expect.stringMatching(/^[A-Z0-9]{4}$/), linked: true, username: 'consumer' })
      // Control: the main entry does import React, so without it Node refuses to load it.
      await expect(run(process.execPath, ['scripts/main-entry.mjs'], { cwd: app, timeoutMs: 30_000 })).rejects.toThrow(/Cannot find package 'react'|@tanstack|qrcode/)
    })
  })

  describe('a Jest test suite (CommonJS, babel-jest, jsdom)', () => {
    it("runs the README's Jest setup and signs in through /testing and /testing/msw", { timeout: 180_000 }, async ({ expect }) => {
      const app = join(workDir, 'jest')
      await writeFiles(app, jestAppFiles(tarball))
      const install = await run('npm', ['install', ...NPM_INSTALL_FLAGS], { cwd: app, timeoutMs: 150_000 })
      const jest = await run(join(app, 'node_modules/.bin/jest'), ['--ci'], { cwd: app, timeoutMs: 60_000 })
      note(`Jest: npm install ${seconds(install.ms)}, jest ${seconds(jest.ms)}`)
      expect(`${jest.stdout}${jest.stderr}`).toMatch(/Tests: +1 passed, 1 total/)
    })
  })

  for (const reactMajor of REACT_MAJORS) {
    describe(`a Vite app with React ${reactMajor}`, () => {
      it('installs the tarball, type-checks, builds, and signs in with the widget in Chromium', { timeout: 240_000 }, async ({ expect }) => {
        const started = Date.now()
        const app = join(workDir, `react${reactMajor}`)
        await writeScratchApp(app, { reactMajor, tarball, ...versionsFor(reactMajor) })

        const install = await run('npm', ['install', ...NPM_INSTALL_FLAGS], { cwd: app, timeoutMs: 180_000 })
        const installed = (name: string) => (JSON.parse(readFileSync(join(app, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version
        const versions = ['react', '@types/react', '@tanstack/react-query', 'vite', 'typescript'].map((name) => `${name}@${installed(name)}`)
        note(`React ${reactMajor}: npm install ${seconds(install.ms)} (${versions.join(', ')})`)
        expect(installed('react')).toMatch(new RegExp(`^${reactMajor}\\.`))
        expect(installed('react-dom')).toMatch(new RegExp(`^${reactMajor}\\.`))
        if (reactMajor === 18) {
          expect(installed('react'), 'the peer range floor').toBe(peerFloor('react'))
          expect(installed('@tanstack/react-query'), 'the peer range floor').toBe(peerFloor('@tanstack/react-query'))
        }
        expect(installed('react-plex-login')).toBe((JSON.parse(readFileSync(repo('package.json'), 'utf8')) as { version: string }).version)
        // One copy of each peer: the package must not have brought its own.
        expect(existsSync(join(app, 'node_modules/react-plex-login/node_modules'))).toBe(false)

        // The README's examples are in src/readme/: what people copy must compile.
        expect(Object.keys(readmeSnippets()).length, "README examples type-checked").toBeGreaterThanOrEqual(3)
        const typecheck = await run(join(app, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: app, timeoutMs: 120_000 })
        note(`React ${reactMajor}: tsc --noEmit ${seconds(typecheck.ms)}`)

        const build = await run(join(app, 'node_modules/.bin/vite'), ['build'], { cwd: app, timeoutMs: 120_000 })
        note(`React ${reactMajor}: vite build ${seconds(build.ms)}`)
        expect(`${build.stdout}${build.stderr}`, 'vite build warnings').not.toMatch(/warn|error/i)
        const assets = join(app, 'dist/assets')
        const assetFiles = await readdir(assets)
        const read = (extension: string) => Promise.all(assetFiles.filter((file) => file.endsWith(extension)).map((file) => readFile(join(assets, file), 'utf8'))).then((texts) => texts.join('\n'))
        expect(await read('.css'), 'react-plex-login/styles.css in the app stylesheet').toContain('[data-plex-login')
        const js = await read('.js')
        expect(js, 'the simulator (react-plex-login/testing) stays out of an app that does not import it').not.toContain('plex.tv simulator')
        expect(js, 'a production build of React').not.toMatch(/react\.development|react-dom\.development/)
        // Developer-facing sentences are development-only; what people read about plex.tv is kept.
        expect(js, 'the long form of an option error, development only').not.toContain('stays the same across page loads')
        expect(js, 'the development warnings').not.toContain('plex.tv advises about one poll a second')
        expect(js, 'the short form of an option error').toContain('invalid clientIdentifier')
        expect(js, 'the message a person sees when plex.tv is unreachable').toContain('Check your internet connection or ad blocker')

        const nodeCheck = await run(process.execPath, ['scripts/simulator-check.mjs'], { cwd: app, timeoutMs: 30_000 })
        expect(JSON.parse(nodeCheck.stdout.trim())).toMatchObject({ code: expect.stringMatching(/^[A-Z0-9]{4}$/), linked: true, username: 'consumer' })

        // The browser round trip: the built page from a static server, the simulator from the installed package.
        const browserStarted = Date.now()
        const testing = (await import(pathToFileURL(join(app, 'node_modules/react-plex-login/dist/testing.js')).href)) as typeof Testing
        const sim = await testing.startPlexSimulator({ port: 0 })
        const site = await serveDirectory(join(app, 'dist'))
        if (!browser) throw new Error('Chromium did not start')
        const context = await browser.newContext()
        const pageErrors: string[] = []
        const consoleProblems: string[] = []
        try {
          context.setDefaultTimeout(15_000)
          const page = await context.newPage()
          page.on('pageerror', (error) => pageErrors.push(error.message))
          page.on('console', (message: ConsoleMessage) => {
            if (message.type() === 'error' || message.type() === 'warning') consoleProblems.push(`${message.type()}: ${message.text()} (${message.location().url})`)
          })
          const url = new URL(site.url)
          url.searchParams.set('baseUrl', sim.url)
          url.searchParams.set('linkUrl', sim.linkUrl)
          await page.goto(url.href)

          const codeElement = page.locator('[data-part="code"]')
          await page.waitForFunction(() => /^[A-Z0-9]{4}$/.test(document.querySelector('[data-part="code"]')?.textContent ?? ''))
          await expect.poll(() => codeElement.isVisible()).toBe(true)
          const code = (await codeElement.textContent()) ?? ''
          expect(code).toBe(sim.simulator.latestPin()?.code)
          // The stylesheet from the package is applied, custom properties and all: the link wears
          // the default --plex-login-accent (#e5a00d).
          const accent = await page.locator('[data-part="link"]').evaluate((element) => getComputedStyle(element).backgroundColor)
          expect(accent).toBe('rgb(229, 160, 13)')

          expect(sim.simulator.link(code)).toMatchObject({ ok: true })
          await page.locator('[data-plex-login][data-state="authenticated"]').waitFor()
          await page.locator('#user').waitFor()

          const state = await page.evaluate(() => (window as Window & { __consumer?: ConsumerState }).__consumer)
          expect(state?.reactVersion).toMatch(new RegExp(`^${reactMajor}\\.`))
          expect(state?.reactDomVersion).toMatch(new RegExp(`^${reactMajor}\\.`))
          expect(state?.statuses).toEqual(expect.arrayContaining(['waiting', 'authenticated']))
          expect(state?.tokenLength).toBeGreaterThan(0)
          expect(state?.username).toBe(sim.simulator.user.username)
          expect(state?.queries, 'the widget used the app’s QueryClient (one @tanstack/react-query)').toBeGreaterThan(0)
          expect(sim.simulator.requests('create-pin')).toHaveLength(1)
          expect(pageErrors).toEqual([])
          expect(consoleProblems).toEqual([])
        } finally {
          await context.close()
          await site.close()
          await sim.close()
        }
        note(`React ${reactMajor}: browser sign-in ${seconds(Date.now() - browserStarted)}; variant total ${seconds(Date.now() - started)}`)
      })
    })
  }
})
