/**
 * Context for the size budget of issue #6: what the React packages we want to read like cost an
 * app, measured exactly as `size.ts` measures `<PlexLogin>` (production build, fully minified,
 * gzip level 9, react and react-dom external; their own dependencies are counted, as an app pays
 * for them).
 *
 * Not part of `npm test` or `npm run bench`: it installs the packages below from the npm registry
 * into a temporary folder. Run it by hand: `npm run build && npx tsx test/bench/peerSizes.ts`.
 */
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bundledSize, JS_BUDGET_BYTES, measureSizes, REACT_EXTERNALS } from './size.js'

/** Pinned, so the figures only change when someone changes them here. */
const PACKAGES = {
  sonner: '2.0.8',
  'react-hot-toast': '2.6.1',
  '@radix-ui/react-dialog': '1.3.1',
  'qrcode.react': '4.2.0',
  'react-qr-code': '2.2.0',
  '@tanstack/react-query': '5.108.0',
  react: '19.3.1',
  'react-dom': '19.3.1',
}

const CASES: [name: string, source: string][] = [
  ['sonner { Toaster, toast }', `export { Toaster, toast } from 'sonner'`],
  ['react-hot-toast { default, Toaster }', `export { default, Toaster } from 'react-hot-toast'`],
  ['@radix-ui/react-dialog (all parts)', `export * from '@radix-ui/react-dialog'`],
  ['qrcode.react { QRCodeSVG }', `export { QRCodeSVG } from 'qrcode.react'`],
  ['react-qr-code (default)', `export { default } from 'react-qr-code'`],
  ['@tanstack/react-query { useQuery, QueryClient, QueryClientProvider }', `export { useQuery, QueryClient, QueryClientProvider } from '@tanstack/react-query'`],
]

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} kB`

const folder = await mkdtemp(join(tmpdir(), 'plex-login-peers-'))
try {
  await writeFile(join(folder, 'package.json'), JSON.stringify({ name: 'peer-sizes', private: true }))
  const specs = Object.entries(PACKAGES).map(([name, version]) => `${name}@${version}`)
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', ...specs], { cwd: folder, stdio: 'inherit' })

  const rows: [string, number][] = []
  for (const [name, source] of CASES) rows.push([name, await bundledSize(source, REACT_EXTERNALS, folder)])
  const ours = await measureSizes()
  rows.push(['react-plex-login { PlexLogin } (TanStack + qrcode.react external)', ours.widgetJs])
  rows.push(['react-plex-login { PlexLogin } with qrcode.react', ours.widgetWithQrJs])
  rows.sort((a, b) => a[1] - b[1])

  console.log(`Minified + gzipped, react and react-dom external (budget in issue #6: ${kb(JS_BUDGET_BYTES)}):`)
  for (const [name, bytes] of rows) console.log(`  ${name.padEnd(70)} ${kb(bytes).padStart(9)} (${bytes} B)`)
} finally {
  await rm(folder, { recursive: true, force: true })
}
