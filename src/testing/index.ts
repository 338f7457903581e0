export {
  createPlexSimulator,
  LINK_PIN_LIFETIME_S,
  SimulatedConnectionDrop,
  STRONG_PIN_LIFETIME_S,
} from './createPlexSimulator'
export type {
  PlexSimulator,
  PlexSimulatorOptions,
  SimulatorFault,
  SimulatorFaultOptions,
  SimulatorLogEntry,
  SimulatorPin,
  SimulatorRoute,
  SimulatorUser,
} from './createPlexSimulator'
export { plexSimulatorHandlers } from './plexSimulatorHandlers'
export type { PlexSimulatorHandlersOptions } from './plexSimulatorHandlers'
export { PLEX_SIMULATOR_HOST, startPlexSimulator } from './startPlexSimulator'
export type { RunningPlexSimulator, StartPlexSimulatorOptions } from './startPlexSimulator'
