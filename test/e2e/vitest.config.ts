import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

/**
 * The end-to-end suite: real Chromium (Debian's, through playwright-core) against the demo page
 * and the simulator over real HTTP. `npm run test:e2e`; the unit tests (root vite.config.ts)
 * leave test/e2e alone.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['test/e2e/**/*.e2e.test.ts', 'test/consumer/**/*.e2e.test.ts'],
    // One browser at a time: the machine has two cores and each file starts its own servers.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    restoreMocks: true,
  },
})
