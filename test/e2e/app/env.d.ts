/** What the demo page is told at build time (see `demoViteConfig`). */
interface PlexDemoSettings {
  /** Origin of the plex.tv API (the simulator's URL, or plex.tv itself); unset means the widget's default. */
  baseUrl?: string
  /** The link page; unset means the widget's default, https://plex.tv/link. */
  linkUrl?: string
  /** Whether the page talks to the offline simulator (only changes a sentence on the page). */
  simulated: boolean
  /** Records what the widget reports on `window.__plexLoginEvents`, for the e2e tests. */
  testHooks: boolean
}

declare const __PLEX_DEMO__: PlexDemoSettings

/** What the e2e tests read back from the page. Never the token itself: its length and SHA-256. */
type PlexDemoEvent =
  | { type: 'status'; status: string; at: number }
  | { type: 'authenticated'; pinId: number; code: string; tokenLength: number; tokenSha256: string; at: number }
  | { type: 'error'; message: string; at: number }

interface Window {
  __plexLoginEvents?: PlexDemoEvent[]
}
