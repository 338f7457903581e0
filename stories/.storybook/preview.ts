import type { Preview } from '@storybook/react-vite'
import type { SetupWorker } from 'msw/browser'
import { createPreviewAnnotations } from 'msw-storybook-addon/preview'
import '../../src/styles.css'

let worker: Promise<SetupWorker> | undefined

/**
 * One MSW worker for the whole preview. The addon keeps the worker only once `setup()` has
 * resolved, so the Docs page, which starts many stories at once, would otherwise start one worker
 * per story and lose the handlers of all but the last; the promise is kept here instead.
 */
function startWorker(): Promise<SetupWorker> {
  worker ??= (async () => {
    const { setupWorker } = await import('msw/browser')
    const started = setupWorker()
    // Relative to iframe.html, so a static Storybook published under a sub-path still finds it.
    await started.start({ quiet: true, serviceWorker: { url: './mockServiceWorker.js' }, onUnhandledRequest: 'bypass' })
    return started
  })()
  return worker
}

const preview: Preview = {
  ...createPreviewAnnotations(startWorker),
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    a11y: {
      test: 'error',
      config: {
        // The faded parts held in place while a code is on its way (`data-placeholder`, hidden
        // from assistive technology) are an inactive component, which WCAG 1.4.3 exempts from
        // contrast; everything else is checked.
        rules: [{ id: 'color-contrast', selector: '*:not([data-placeholder], [data-placeholder] *)' }],
      },
    },
  },
}

export default preview
