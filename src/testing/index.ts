export {
  createPlexSimulator,
  LINK_PIN_LIFETIME_S,
  SimulatedConnectionDrop,
  STRONG_PIN_LIFETIME_S,
} from './createPlexSimulator.js'
export type {
  PlexSimulator,
  PlexSimulatorOptions,
  SimulatorFault,
  SimulatorFaultOptions,
  SimulatorLinkOptions,
  SimulatorLinkResult,
  SimulatorLogEntry,
  SimulatorPin,
  SimulatorRoute,
  SimulatorUser,
} from './createPlexSimulator.js'
export { PLEX_SIMULATOR_HOST, startPlexSimulator } from './startPlexSimulator.js'
export type { RunningPlexSimulator, StartPlexSimulatorOptions } from './startPlexSimulator.js'
