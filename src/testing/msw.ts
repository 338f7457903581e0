/**
 * `react-plex-login/testing/msw`: the simulator behind MSW 2 handlers. A subpath of its own so
 * `react-plex-login/testing` (the simulator core and its HTTP server) works without msw installed.
 */
export { plexSimulatorHandlers } from './plexSimulatorHandlers.js'
export type { PlexSimulatorHandlersOptions } from './plexSimulatorHandlers.js'
