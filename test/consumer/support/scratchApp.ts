import { readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

/**
 * A scratch consumer of the packed package: what someone who ran `npm install react-plex-login`
 * would write (Vite + React + TypeScript, strict, `moduleResolution: "bundler"`), plus a plain
 * Node script that uses the `/testing` subpath as Node itself resolves it.
 */
export interface ScratchAppOptions {
  reactMajor: 18 | 19
  /** Absolute path of the `npm pack` tarball. */
  tarball: string
  /** The react and react-dom version range to install. */
  react: string
  /** The `@tanstack/react-query` version range to install. */
  tanstackQuery: string
}

/** The app's page state, on `window.__consumer`. */
export interface ConsumerState {
  reactVersion: string
  reactDomVersion: string
  statuses: string[]
  /** Set from `createPlexClient().getUser(token)` once the widget hands over the token. */
  username: string | null
  tokenLength: number
  /** Queries in the app's own QueryClient when the token arrived: the widget shared it. */
  queries: number
}

/**
 * README.md's TypeScript examples that use the package, one module each, type-checked with the app
 * against the installed package (never bundled: main.tsx does not import them). The one that needs
 * msw, which this app leaves out, is the only one left out; `readmeSnippetCount` says how many.
 */
export function readmeSnippets(readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')): Record<string, string> {
  const blocks = [...readme.matchAll(/```(tsx?)\n([\s\S]*?)```/g)].filter(([, , code = '']) => code.includes("from 'react-plex-login") && !code.includes("from 'msw"))
  return Object.fromEntries(blocks.map(([, language, code], index) => [`src/readme/example${index + 1}.${language}`, code ?? '']))
}

export function scratchAppFiles({ reactMajor, tarball, react, tanstackQuery }: ScratchAppOptions): Record<string, string> {
  const packageJson = {
    name: `react-plex-login-consumer-react${reactMajor}`,
    private: true,
    type: 'module',
    dependencies: {
      'react-plex-login': `file:${tarball}`,
      react,
      'react-dom': react,
      '@types/react': `^${reactMajor}`,
      '@types/react-dom': `^${reactMajor}`,
      '@tanstack/react-query': tanstackQuery,
      // No msw: `react-plex-login/testing` must work without its optional peer (only
      // `react-plex-login/testing/msw` needs it).
      vite: '^8.3',
      '@vitejs/plugin-react': '^6',
      typescript: '~5.9.3',
      '@types/node': '^20',
    },
  }

  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      module: 'ESNext',
      moduleResolution: 'Bundler',
      jsx: 'react-jsx',
      strict: true,
      noUncheckedIndexedAccess: true,
      // The strictest apps: an optional prop given `undefined` (an unset environment variable) must
      // still type-check, as it works at run time.
      exactOptionalPropertyTypes: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      // The Node script is plain JavaScript, checked against the published declarations too.
      allowJs: true,
      checkJs: true,
      // Check the package's .d.ts files as well: an unresolvable import in them is an error, not an `any`.
      skipLibCheck: false,
      noEmit: true,
      types: ['vite/client', 'node'],
    },
    include: ['src', 'scripts', 'vite.config.ts'],
  }

  return {
    'package.json': `${JSON.stringify(packageJson, null, 2)}\n`,
    'tsconfig.json': `${JSON.stringify(tsconfig, null, 2)}\n`,
    'vite.config.ts': VITE_CONFIG,
    'index.html': INDEX_HTML,
    'src/main.tsx': MAIN_TSX,
    'scripts/simulator-check.mjs': SIMULATOR_CHECK,
    ...readmeSnippets(),
  }
}

export async function writeScratchApp(dir: string, options: ScratchAppOptions): Promise<void> {
  await writeFiles(dir, scratchAppFiles(options))
}

const VITE_CONFIG = `import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({ plugins: [react()], logLevel: 'warn' })
`

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>react-plex-login consumer</title>
    <link rel="icon" href="data:," />
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/src/main.tsx"></script>
  </body>
</html>
`

// No template literals inside the app sources below: they live in one.
const MAIN_TSX = `import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode, useMemo, useState, version as reactVersion } from 'react'
import { version as reactDomVersion } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { createPlexClient, PlexLogin, usePlexPin, type PlexClient, type PlexLoginProps, type PlexUser } from 'react-plex-login'
import 'react-plex-login/styles.css'

interface ConsumerState {
  reactVersion: string
  reactDomVersion: string
  statuses: string[]
  username: string | null
  tokenLength: number
  queries: number
}

declare global {
  interface Window {
    __consumer?: ConsumerState
  }
}

// The test passes the simulator's URLs; without them the app talks to plex.tv, as a real one would.
const params = new URLSearchParams(window.location.search)
const baseUrl = params.get('baseUrl') ?? undefined
const linkUrl = params.get('linkUrl') ?? undefined

const queryClient = new QueryClient()
const state: ConsumerState = { reactVersion, reactDomVersion, statuses: [], username: null, tokenLength: 0, queries: 0 }
window.__consumer = state

function App() {
  const client: PlexClient = useMemo(() => createPlexClient({ product: 'Consumer app', baseUrl }), [])
  const [user, setUser] = useState<PlexUser | null>(null)
  const props: PlexLoginProps = {
    product: 'Consumer app',
    baseUrl,
    linkUrl,
    onStatusChange: (status) => {
      state.statuses.push(status)
    },
    onAuthenticated: (token) => {
      state.tokenLength = token.length
      state.queries = queryClient.getQueryCache().getAll().length
      void client.getUser(token).then((account) => {
        state.username = account.username
        setUser(account)
      })
    },
  }
  return (
    <main>
      <PlexLogin {...props} />
      {user && <p id="user">{user.username}</p>}
    </main>
  )
}

// Never called: proof that the published types are real. Were they \`any\`, these directives
// would be unused, which is an error.
export function typeChecks() {
  // @ts-expect-error product is required
  const missingProduct = <PlexLogin />
  // @ts-expect-error pollInterval is a number
  const wrongPollInterval = <PlexLogin product="x" pollInterval="fast" />
  // @ts-expect-error getPin takes a PIN id
  const wrongPinId = createPlexClient({ product: 'x' }).getPin('7RQZ')
  return [missingProduct, wrongPollInterval, wrongPinId]
}

// Also never called: every optional option takes \`undefined\` (exactOptionalPropertyTypes is on).
export function HookWithUnsetOptions() {
  const { code } = usePlexPin({ product: 'x', baseUrl, linkUrl, pollInterval: undefined, enabled: undefined, onAuthenticated: undefined })
  return <PlexLogin product="x" baseUrl={baseUrl} labels={{ title: undefined }} classNames={{ root: undefined }}>{code === null ? undefined : () => code}</PlexLogin>
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
)
`

const SIMULATOR_CHECK = simulatorCheck('react-plex-login')

/**
 * A server or script with none of the React peers installed (`npm install --omit=peer`): only
 * `react-plex-login/client` and `/testing`, which must import nothing from React's world.
 */
export function nodeOnlyFiles(tarball: string): Record<string, string> {
  const packageJson = { name: 'react-plex-login-consumer-node', private: true, type: 'module', dependencies: { 'react-plex-login': `file:${tarball}` } }
  return {
    'package.json': `${JSON.stringify(packageJson, null, 2)}\n`,
    'scripts/simulator-check.mjs': simulatorCheck('react-plex-login/client'),
    // The control: the main entry does need React, so this must fail where React is absent.
    'scripts/main-entry.mjs': `import 'react-plex-login'\n`,
  }
}

export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    const file = join(dir, path)
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, text)
  }
}

function simulatorCheck(clientEntry: string): string {
  return `// @ts-check
// Plain Node, no bundler: the package's exports map as Node resolves it, the simulator over real
// HTTP and the React-free client against it.
import { createPlexClient } from '${clientEntry}'
import { createPlexSimulator, startPlexSimulator } from 'react-plex-login/testing'

const simulator = createPlexSimulator({ user: { username: 'consumer' } })
const running = await startPlexSimulator({ port: 0, simulator })
try {
  const client = createPlexClient({ product: 'Consumer check', clientIdentifier: 'consumer-check', baseUrl: running.url })
  const pin = await client.createPin()
  const linked = simulator.link(pin.code)
  if (!linked.ok) throw new Error('link failed: ' + linked.reason)
  const polled = await client.getPin(pin.id)
  const user = polled.authToken === null ? null : await client.getUser(polled.authToken)
  // @ts-expect-error the port is a number
  void (() => startPlexSimulator({ port: 'any' }))
  process.stdout.write(JSON.stringify({ code: pin.code, linked: polled.authToken !== null, username: user ? user.username : null }) + '\\n')
} finally {
  await running.close()
}
`
}
