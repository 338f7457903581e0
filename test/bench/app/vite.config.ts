import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import type { InlineConfig } from 'vite'

const appRoot = fileURLToPath(new URL('.', import.meta.url))
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))

/**
 * The bench page as a production build (what a person's browser really runs), served by
 * `vite preview` on 127.0.0.1 with a free port: another origin than the simulator, so CORS and
 * preflights are real. Both implementations are in the one bundle, so loading it costs the same.
 */
export function benchViteConfig({ outDir }: { outDir: string }): InlineConfig {
  return {
    configFile: false,
    root: appRoot,
    mode: 'production',
    logLevel: 'warn',
    plugins: [react()],
    cacheDir: `${repoRoot}node_modules/.vite/bench`,
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4096 },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  }
}
