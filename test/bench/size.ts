/**
 * Bundle-size figures for `npm run bench` and the size budget test: what an app pays for the
 * widget, minified and gzipped, with React, TanStack Query and qrcode.react external (peers and
 * the one runtime dependency are counted separately), in a production build
 * (`process.env.NODE_ENV === "production"`, as every app bundler sets it).
 */
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { minifySync } from 'rolldown/experimental'
import { build, type Rollup } from 'vite'

/** The budgets of issue #6, in gzipped bytes. */
export const JS_BUDGET_BYTES = 4096
export const CSS_BUDGET_BYTES = 1536

const repo = resolve(import.meta.dirname, '../..')
const dist = join(repo, 'dist')

export interface SizeFigures {
  /** `import { PlexLogin } from 'react-plex-login'`, peers and qrcode.react external. */
  widgetJs: number
  /** Everything the main entry exports (client, hook, widget). */
  entryJs: number
  /** `import { usePlexPin } from 'react-plex-login'` alone. */
  hookJs: number
  /** `import { createPlexClient } from 'react-plex-login'` alone. */
  clientJs: number
  /** The widget with qrcode.react bundled in (peers still external). */
  widgetWithQrJs: number
  /** `react-plex-login/styles.css`. */
  css: number
}

/** react and react-dom, left out of every figure. */
export const REACT_EXTERNALS = [/^react($|\/)/, /^react-dom($|\/)/]

const gzip = (text: string | Buffer) => gzipSync(text, { level: 9 }).length

/**
 * `source` (an ES module) bundled with `external` left out, minified and gzipped. Bare imports in
 * `source` resolve from `root`'s `node_modules` (the entry is written in a folder inside it).
 */
export async function bundledSize(source: string, external: RegExp[], root = tmpdir()): Promise<number> {
  const folder = await mkdtemp(join(root, 'plex-login-size-'))
  try {
    const entry = join(folder, 'entry.js')
    await writeFile(entry, source)
    const output = (await build({
      configFile: false,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
      build: {
        write: false,
        minify: false,
        lib: { entry, formats: ['es'], fileName: 'entry' },
        rollupOptions: { external },
      },
    })) as Rollup.RollupOutput[]
    const code = output[0]?.output[0]?.code ?? ''
    // Vite keeps whitespace in ES library builds; minify fully, as an app's bundler would.
    return gzip(minifySync('entry.js', code, { compress: true, mangle: true }).code)
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

export async function measureSizes(): Promise<SizeFigures> {
  if (!existsSync(join(dist, 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first')
  const peers = [...REACT_EXTERNALS, /^@tanstack\//]
  const withoutQr = [...peers, /^qrcode\.react($|\/)/]
  const from = JSON.stringify(join(dist, 'index.js'))
  return {
    widgetJs: await bundledSize(`export { PlexLogin } from ${from}`, withoutQr),
    entryJs: await bundledSize(`export * from ${from}`, withoutQr),
    hookJs: await bundledSize(`export { usePlexPin } from ${from}`, withoutQr),
    clientJs: await bundledSize(`export { createPlexClient } from ${from}`, withoutQr),
    widgetWithQrJs: await bundledSize(`export { PlexLogin } from ${from}`, peers),
    css: gzip(readFileSync(join(dist, 'styles.css'))),
  }
}

export function formatSizes(sizes: SizeFigures): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} kB`
  const rows: [string, number, number | null][] = [
    ['<PlexLogin> JS (peers + qrcode.react external)', sizes.widgetJs, JS_BUDGET_BYTES],
    ['whole entry JS (client + hook + widget)', sizes.entryJs, null],
    ['usePlexPin alone', sizes.hookJs, null],
    ['createPlexClient alone', sizes.clientJs, null],
    ['<PlexLogin> JS with qrcode.react', sizes.widgetWithQrJs, null],
    ['styles.css', sizes.css, CSS_BUDGET_BYTES],
  ]
  const lines = rows.map(([name, bytes, budget]) => {
    const verdict = budget === null ? '' : bytes <= budget ? `  ≤ budget ${kb(budget)} ✓` : `  OVER budget ${kb(budget)} ✗`
    return `  ${name.padEnd(48)} ${kb(bytes).padStart(9)} gzip (${bytes} B)${verdict}`
  })
  return ['Size, minified + gzipped, production build:', ...lines].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = await measureSizes()
  console.log(formatSizes(sizes))
  console.log(`BENCH_SIZE_JSON ${JSON.stringify(sizes)}`)
}
