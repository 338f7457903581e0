import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { defineConfig, type InlineConfig } from 'vite'

const appRoot = fileURLToPath(new URL('.', import.meta.url))
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))

/** Where `npm run sim` listens unless told otherwise. */
export const DEFAULT_SIMULATOR_URL = 'http://127.0.0.1:5055'

export interface DemoServerOptions {
  /** What the page is told (the API origin, the link page, test hooks). */
  settings: PlexDemoSettings
  /** @defaultValue `5173`; `0` lets the OS pick */
  port?: number
  /** `false` for tests: no HMR socket, so nothing can reload the page behind a test's back. @defaultValue `true` */
  hmr?: boolean
  logLevel?: InlineConfig['logLevel']
}

/**
 * The demo's Vite config: the page lives in this folder and imports the library from `src/`.
 * `npm start` and the e2e tests call `createServer(demoViteConfig(...))`.
 */
export function demoViteConfig({ settings, port = 5173, hmr = true, logLevel = 'info' }: DemoServerOptions): InlineConfig {
  return {
    configFile: false,
    root: appRoot,
    mode: 'development',
    logLevel,
    plugins: [react()],
    define: { __PLEX_DEMO__: JSON.stringify(settings) },
    // Its own cache, so it never fights with vitest's or a library build's.
    cacheDir: `${repoRoot}node_modules/.vite/demo`,
    server: {
      // Loopback only, and a different origin (port) from the simulator, so CORS is real.
      host: '127.0.0.1',
      port,
      strictPort: false,
      hmr,
      fs: { allow: [repoRoot] },
    },
    // Everything up front: a dependency found late makes Vite reload the page, which would
    // create a second PIN in the middle of a test.
    optimizeDeps: {
      include: ['react', 'react/jsx-dev-runtime', 'react-dom', 'react-dom/client', '@tanstack/react-query', 'qrcode.react'],
    },
  }
}

/** The simulator's URL to use: `PLEX_URL` if set, else where `npm run sim` listens. */
export function demoSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): PlexDemoSettings {
  const baseUrl = (env.PLEX_URL ?? '').replace(/\/+$/, '') || DEFAULT_SIMULATOR_URL
  if (!URL.canParse(baseUrl)) throw new Error(`PLEX_URL must be an absolute http(s) URL such as https://plex.tv; got ${JSON.stringify(env.PLEX_URL)}`)
  const simulated = env.PLEX_URL === undefined || env.PLEX_URL === ''
  let linkUrl = env.PLEX_LINK_URL || undefined
  // The real plex.tv: the widget's default link page (https://plex.tv/link). Anything else (the
  // simulator, a proxy) serves its own /link.
  if (!linkUrl && new URL(baseUrl).hostname !== 'plex.tv') linkUrl = `${baseUrl}/link`
  return { baseUrl, linkUrl, simulated, testHooks: false }
}

/** `vite --config test/e2e/app/vite.config.ts` serves the demo against `npm run sim` (or PLEX_URL). */
export default defineConfig(demoViteConfig({ settings: demoSettingsFromEnv() }))
