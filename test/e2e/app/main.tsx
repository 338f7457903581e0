import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
// What an app does with `import 'react-plex-login/styles.css'`.
import '../../../src/styles.css'
import './demo.css'
import { DemoApp } from './DemoApp'

const container = document.getElementById('root')
if (!container) throw new Error('react-plex-login demo: index.html has no #root element')

const queryClient = new QueryClient()

// StrictMode on purpose: the widget must still create exactly one PIN per mount.
createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <DemoApp />
    </QueryClientProvider>
  </StrictMode>,
)
