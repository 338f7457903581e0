/**
 * `npm start`: the demo page (Vite dev server) and the plex.tv simulator it talks to, both on
 * 127.0.0.1 and on different ports so the browser applies real CORS. No network needed.
 *
 *   PORT=5173      the demo page's port (the next free one if taken)
 *   SIM_PORT=5055  the simulator's port (any free one if taken)
 *   PLEX_URL=https://plex.tv npm start   talk to the real plex.tv instead; no simulator
 *   PLEX_LINK_URL=…                      the link page to show, if not the default
 */
import { createServer } from 'vite'
import { createPlexSimulator } from '../../../src/testing/createPlexSimulator'
import { startPlexSimulator, type RunningPlexSimulator } from '../../../src/testing/startPlexSimulator'
import { demoSettingsFromEnv, demoViteConfig } from '../app/vite.config'
import { closeOnSignal, logRequests } from './logRequests'

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]
  const port = raw ? Number(raw) : fallback
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`${name} must be a TCP port number; got ${JSON.stringify(raw)}`)
    process.exit(1)
  }
  return port
}

const demoPort = portFromEnv('PORT', 5173)
const simPort = portFromEnv('SIM_PORT', 5055)

let sim: RunningPlexSimulator | undefined
let settings: PlexDemoSettings
if (process.env.PLEX_URL) {
  settings = demoSettingsFromEnv()
} else {
  const simulator = createPlexSimulator()
  logRequests(simulator, '[sim] ')
  sim = await startPlexSimulator({ port: simPort, simulator }).catch(async (error: unknown) => {
    process.stdout.write(`${error instanceof Error ? error.message : String(error)}\nUsing a free port instead.\n`)
    return startPlexSimulator({ port: 0, simulator })
  })
  settings = { baseUrl: sim.url, linkUrl: sim.linkUrl, simulated: true, testHooks: false }
}

const vite = await createServer(demoViteConfig({ settings, port: demoPort, logLevel: 'warn' }))
await vite.listen()
const demoUrl = vite.resolvedUrls?.local[0] ?? `http://127.0.0.1:${demoPort}/`

process.stdout.write(
  [
    '',
    `  react-plex-login demo:  ${demoUrl}   <- open this`,
    sim
      ? `  plex.tv simulator:      ${sim.url} (link page ${sim.linkUrl}, signed in as ${sim.simulator.user.title})`
      : `  plex.tv API:            ${settings.baseUrl} (link page ${settings.linkUrl ?? 'https://plex.tv/link'})`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n'),
)

closeOnSignal(async () => {
  await vite.close()
  await sim?.close()
})
