import { fileURLToPath } from 'node:url'
import { defineConfig, mergeConfig } from 'vitest/config'
import unit, { unitProjects } from '../../vite.config'
import { REACT_18_DIR, REACT_18_PACKAGE_NAMES } from './prepare'

/**
 * The unit suite again on React 18 (`npm run test:react18`, after `prepare.ts` installed it into
 * node_modules/.react18). React and every package that imports it resolve there, so each of them
 * sees React 18, and Node resolves their own `require('react')` there too. Left out: the story
 * tests (Storybook's renderer brings the project's React 19) and the size budget (it measures
 * dist/, whatever React). Tests of React 19 APIs (`<Activity>`) say so and skip themselves.
 */
const { projects: _unitProjects, ...unitTest } = unit.test ?? {}

// The unit config's own projects are left out: merged, the two lists would add up to four.
export default mergeConfig(
  { ...unit, test: unitTest },
  defineConfig({
    root: fileURLToPath(new URL('../..', import.meta.url)),
    resolve: {
      alias: [
        {
          find: new RegExp(`^(${REACT_18_PACKAGE_NAMES.map((name) => name.replaceAll('.', '\\.')).join('|')})(/.*)?$`),
          replacement: `${REACT_18_DIR}/node_modules/$1$2`,
        },
      ],
    },
    test: {
      projects: unitProjects('react18', ['test/stories/**', 'test/budgets/size.test.ts']),
    },
  }),
)
