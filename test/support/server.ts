import { setupServer } from 'msw/node'

/** One MSW server for the whole run; each test adds its own simulator's handlers. */
export const server = setupServer()
