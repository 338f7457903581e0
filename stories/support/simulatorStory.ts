import type { HttpHandler } from 'msw'
import type { MswApi } from 'msw-storybook-addon'
// The simulator's own modules, not the testing entry: that one also brings the Node-only HTTP server.
import { createPlexSimulator, type PlexSimulator, type PlexSimulatorOptions } from '../../src/testing/createPlexSimulator'
import { plexSimulatorHandlers } from '../../src/testing/plexSimulatorHandlers'

/** How plex.tv behaves for one widget in a story. */
export interface SimulatorScenario {
  /** Options of the simulator: `latencyMs`, `linkPinLifetimeS`… */
  options?: PlexSimulatorOptions
  /** Scripts the fresh simulator before the widget's first request: `sim.fail(…)`… */
  setup?: (sim: PlexSimulator) => void
  /** MSW handlers of the story's own for `baseUrl`, tried before the simulator's. */
  handlers?: (sim: PlexSimulator, baseUrl: string) => HttpHandler[]
}

/** One simulated plex.tv: pass `baseUrl` to the widget; `handlers` answer for it. */
export interface SimulatedPlex {
  sim: PlexSimulator
  baseUrl: string
  handlers: HttpHandler[]
}

/** The name of the simulator a single-widget story gets. */
export const MAIN = 'main'

let simulatorCount = 0

/**
 * A fresh simulator with an origin of its own. The Docs page renders several stories at once on
 * one MSW worker, so each simulator answers only for its own origin; `.invalid` can never
 * resolve, so if MSW were not running nothing would reach a real host.
 */
export function simulatePlex(scenario: SimulatorScenario = {}): SimulatedPlex {
  simulatorCount += 1
  const baseUrl = `https://plex-${simulatorCount}.simulator.invalid`
  const sim = createPlexSimulator(scenario.options)
  scenario.setup?.(sim)
  return { sim, baseUrl, handlers: [...(scenario.handlers?.(sim, baseUrl) ?? []), ...plexSimulatorHandlers(sim, { baseUrl })] }
}

interface LoaderContext {
  loaded: Record<string, unknown>
}

interface MswContext extends LoaderContext {
  msw: MswApi
}

/**
 * Story annotations that give every render of the story a fresh simulator, so no story (nor a
 * second visit to the same one) inherits PINs, links or spent faults. The loader creates it;
 * `beforeEach` puts its handlers on the story's MSW (the service worker in Storybook, the node
 * server in the story tests), which is reset after each story. Read it with {@link simulatorOf}.
 */
export function simulatorStory(scenario: SimulatorScenario = {}) {
  return simulatorsStory({ [MAIN]: scenario })
}

/** {@link simulatorStory} for a story that shows several widgets, one simulator each. */
export function simulatorsStory(scenarios: Record<string, SimulatorScenario>) {
  return {
    loaders: [
      () => ({
        plex: Object.fromEntries(Object.entries(scenarios).map(([name, scenario]) => [name, simulatePlex(scenario)])),
      }),
    ],
    beforeEach: [
      (context: MswContext) => {
        context.msw.use(...Object.values(simulatorsOf(context)).flatMap((plex) => plex.handlers))
      },
    ],
  }
}

/** Every simulator of this render, by scenario name. */
export function simulatorsOf(context: LoaderContext): Record<string, SimulatedPlex> {
  const plex = context.loaded.plex as Record<string, SimulatedPlex> | undefined
  if (!plex) throw new Error('This story has no plex.tv simulator: spread simulatorStory(…) into it.')
  return plex
}

/** The simulator of a single-widget story (or the one named `name`). */
export function simulatorOf(context: LoaderContext, name: string = MAIN): SimulatedPlex {
  const plex = simulatorsOf(context)[name]
  if (!plex) throw new Error(`This story has no plex.tv simulator named "${name}".`)
  return plex
}
