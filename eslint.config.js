import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  // The MSW service worker is generated (`npx msw init stories/public`) and committed as is.
  { ignores: ['dist', 'coverage', 'node_modules', 'storybook-static', 'stories/public/mockServiceWorker.js'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'no-control-regex': 'off',
    },
  },
  {
    // Command-line scripts and budget tests: printing the figures is their job.
    files: ['test/bench/**', 'test/budgets/**', 'test/e2e/scripts/**', 'test/e2e/hiddenTab.e2e.test.ts'],
    rules: { 'no-console': 'off' },
  },
)
