import { createRoot } from 'react-dom/client'
// What an app does with `import 'react-plex-login/styles.css'`.
import '../../../src/styles.css'
import { BenchApp } from './BenchApp'
import { now, report } from './report'

// ?impl=widget|baseline|query&api=<simulator origin>
const params = new URLSearchParams(location.search)
const asked = params.get('impl')
const impl: BenchImpl = asked === 'baseline' || asked === 'query' ? asked : 'widget'
const baseUrl = params.get('api') ?? 'http://127.0.0.1:5055'
// A fresh identifier per page load, for both implementations.
const clientIdentifier = `bench-${impl}-${Math.random().toString(36).slice(2, 12)}-${Date.now().toString(36)}`

const container = document.getElementById('root')
if (!container) throw new Error('latency bench: index.html has no #root element')

report({ type: 'start', impl, clientIdentifier, timeOrigin: performance.timeOrigin, t: now() })

// The code is "visible" when it is in the DOM: the observer runs right after React's commit.
let codeSeen = false
new MutationObserver(() => {
  if (codeSeen) return
  const code = container.querySelector('[data-part="code"]')?.textContent ?? ''
  if (!/^[A-Z0-9]{4}$/.test(code)) return
  codeSeen = true
  report({ type: 'code', code, t: now() })
}).observe(container, { childList: true, subtree: true, characterData: true })

let emulated: DocumentVisibilityState | null = null
document.addEventListener('visibilitychange', () =>
  report({ type: 'visibility', state: document.visibilityState, emulated: emulated !== null, t: now() }),
)
window.addEventListener('focus', () => report({ type: 'focus', t: now() }))
window.addEventListener('blur', () => report({ type: 'blur', t: now() }))
window.addEventListener('error', (event) => report({ type: 'error', message: String(event.message), t: now() }))
window.addEventListener('unhandledrejection', (event) => report({ type: 'error', message: String(event.reason), t: now() }))

window.__benchEmulateVisibility = (state) => {
  emulated = state
  if (state === 'hidden') {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' })
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true })
  } else {
    // Back to the real (prototype) getters.
    Reflect.deleteProperty(document, 'visibilityState')
    Reflect.deleteProperty(document, 'hidden')
  }
  if (state === 'hidden') window.dispatchEvent(new Event('blur'))
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))
  if (state === 'visible') window.dispatchEvent(new Event('focus'))
}

createRoot(container).render(<BenchApp impl={impl} baseUrl={baseUrl} clientIdentifier={clientIdentifier} />)
