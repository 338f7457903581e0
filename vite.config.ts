import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { configDefaults, defineConfig, type Plugin, type TestProjectInlineConfiguration } from 'vitest/config'

/**
 * The stylesheet ships minified as `react-plex-login/styles.css`; nothing imports it from JS, so it
 * goes through lightningcss (Vite's own CSS minifier) here rather than through the JS graph.
 */
function emitStylesheet(): Plugin {
  return {
    name: 'react-plex-login:styles',
    apply: 'build',
    async generateBundle() {
      const { transform } = await import('lightningcss')
      const { code } = transform({ filename: 'styles.css', code: readFileSync('src/styles.css'), minify: true })
      this.emitFile({ type: 'asset', fileName: 'styles.css', source: code })
    },
  }
}

/**
 * Files that replace a module (`vi.mock`), which takes a module graph of their own
 * (test/suite/isolation.test.ts keeps this list whole).
 */
export const MOCKING_TESTS = ['test/budgets/renders.test.tsx']

/**
 * The unit suite as two projects: most files share their worker's modules and jsdom (`isolate:
 * false`: the run took 85 s with a fresh module graph per file, 50 s without), and the files
 * that mock a module run isolated. Every file cleans up after itself (test/setup.ts), and the
 * suite passes in shuffled orders. `exclude` leaves more files out (the React 18 run).
 */
export function unitProjects(name: string, exclude: string[] = []): TestProjectInlineConfiguration[] {
  // Real-browser tests, run by `npm run test:e2e` with their own config.
  const excluded = [...configDefaults.exclude, 'test/e2e/**', 'test/consumer/**', ...exclude]
  return [
    { extends: true, test: { name, include: ['test/**/*.test.{ts,tsx}'], exclude: [...excluded, ...MOCKING_TESTS], isolate: false } },
    { extends: true, test: { name: `${name}, isolated`, include: MOCKING_TESTS, exclude: excluded } },
  ]
}

export default defineConfig({
  plugins: [emitStylesheet()],
  build: {
    lib: {
      // The simulator is a subpath of its own, so the widget's bundle never carries it.
      entry: { index: 'src/index.ts', client: 'src/client.ts', testing: 'src/testing/index.ts', 'testing/msw': 'src/testing/msw.ts' },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      external: [/^react($|\/)/, /^react-dom($|\/)/, /^@tanstack\//, /^qrcode\.react($|\/)/, /^msw($|\/)/, /^node:/],
      // The entry keeps its 'use client' (rolldown preserves it there); the same directive in
      // inner modules is redundant once they are bundled into it.
      output: { chunkFileNames: 'shared/[name].js' },
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return
        warn(warning)
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    projects: unitProjects('unit'),
    setupFiles: ['test/setup.ts'],
    // Some tests simulate hours of fake time; on a loaded 2-core machine that takes seconds.
    testTimeout: 30_000,
    restoreMocks: true,
    // A worker per core: Vitest's default leaves one core to its main process, which mostly
    // waits, so a two-core machine ran one file at a time (unit run 115 s; with two, 85 s).
    maxWorkers: availableParallelism(),
  },
})
