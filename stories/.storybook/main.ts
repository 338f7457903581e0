import type { StorybookConfig } from '@storybook/react-vite'

// Run with `storybook dev|build -c stories/.storybook`: the project root is then `stories/`
// (Storybook takes the parent of its config dir), so the library's own vite.config.ts (library
// mode) stays out of the Storybook build.
const config: StorybookConfig = {
  stories: ['../*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  framework: { name: '@storybook/react-vite', options: {} },
  // The MSW service worker (`npx msw init stories/public --no-save`), served at the root.
  staticDirs: ['../public'],
  core: { disableTelemetry: true },
  typescript: { reactDocgen: 'react-docgen' },
  viteFinal: (config) => ({
    ...config,
    // A development build of the widget, as the people who open Storybook run it in their apps:
    // the sentences that say what to change in an option, and the console warnings, are kept.
    define: { ...config.define, 'process.env.NODE_ENV': JSON.stringify('development') },
    // Warnings only: the list of emitted chunks tells CI nothing.
    logLevel: 'warn',
    build: {
      ...config.build,
      reportCompressedSize: false,
      // Storybook's own manager-side chunks (docs, syntax highlighting) are over 500 kB; that is
      // not this project's to split.
      chunkSizeWarningLimit: 1500,
      rolldownOptions: {
        ...config.build?.rolldownOptions,
        onwarn(warning, warn) {
          // TanStack Query's 'use client' directives mean nothing inside a bundle.
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return
          warn(warning)
        },
      },
    },
  }),
}

export default config
