/**
 * `npm run sim`: the plex.tv simulator as a real HTTP server on 127.0.0.1 (port 5055, or PORT),
 * for developing against it from any app. Runs until Ctrl-C.
 */
import { createPlexSimulator } from '../../../src/testing/createPlexSimulator'
import { startPlexSimulator } from '../../../src/testing/startPlexSimulator'
import { closeOnSignal, logRequests } from './logRequests'

const DEFAULT_PORT = 5055

const port = process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a TCP port number; got ${JSON.stringify(process.env.PORT)}`)
  process.exit(1)
}

const simulator = createPlexSimulator()
logRequests(simulator)
const running = await startPlexSimulator({ port, simulator }).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})

process.stdout.write(
  [
    `plex.tv simulator listening on ${running.url}`,
    `  API (baseUrl):       ${running.url}`,
    `  link page (linkUrl): ${running.linkUrl}`,
    `  auth page (popups):  ${running.authUrl}#?clientID=…&code=<strong code>&forwardUrl=…`,
    `  signed-in user:      ${simulator.user.title} (${simulator.user.username})`,
    '',
    `  <PlexLogin product="…" baseUrl="${running.url}" linkUrl="${running.linkUrl}" />`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n'),
)

closeOnSignal(() => running.close())
