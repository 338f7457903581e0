import { readFileSync } from 'node:fs'

/**
 * A scratch app whose tests run on Jest (CommonJS, babel-jest, jsdom), as many existing React apps'
 * do: it uses README.md's `jest.config.js` verbatim, so the setup the README gives is the one that
 * runs, and signs in through `react-plex-login/testing` and `/testing/msw` as the README shows.
 */

/** README.md's `jest.config.js`: the ```js block that starts with that file name. */
export function readmeJestConfig(readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')): string {
  const config = /```js\n(\/\/ jest\.config\.js\n[\s\S]*?)```/.exec(readme)?.[1]
  if (!config) throw new Error('README.md has no ```js block starting with "// jest.config.js"')
  return config
}

export function jestAppFiles(tarball: string): Record<string, string> {
  const packageJson = {
    name: 'react-plex-login-consumer-jest',
    private: true,
    dependencies: {
      'react-plex-login': `file:${tarball}`,
      react: '^19',
      'react-dom': '^19',
      '@tanstack/react-query': '^5',
    },
    devDependencies: {
      jest: '^30',
      'jest-environment-jsdom': '^30',
      'jest-fixed-jsdom': '^0.0.11',
      'babel-jest': '^30',
      '@babel/core': '^7',
      '@babel/preset-env': '^7',
      '@babel/preset-react': '^7',
      '@testing-library/react': '^16',
      '@testing-library/dom': '^10',
      msw: '^2',
    },
  }
  return {
    'package.json': `${JSON.stringify(packageJson, null, 2)}\n`,
    'jest.config.js': readmeJestConfig(),
    'babel.config.js': BABEL_CONFIG,
    'test/styleStub.js': 'module.exports = {}\n',
    'src/SignIn.jsx': SIGN_IN,
    'src/SignIn.test.jsx': SIGN_IN_TEST,
  }
}

const BABEL_CONFIG = `module.exports = {
  presets: [
    ['@babel/preset-env', { targets: { node: 'current' } }],
    ['@babel/preset-react', { runtime: 'automatic' }],
  ],
}
`

const SIGN_IN = `import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import { PlexLogin } from 'react-plex-login'
import 'react-plex-login/styles.css'

export function SignIn() {
  const [client] = useState(() => new QueryClient())
  const [signedIn, setSignedIn] = useState(false)
  return (
    <QueryClientProvider client={client}>
      {signedIn ? <p>Signed in</p> : <PlexLogin product="Jest app" onAuthenticated={() => setSignedIn(true)} />}
    </QueryClientProvider>
  )
}
`

const SIGN_IN_TEST = `import { render, screen, waitFor } from '@testing-library/react'
import { setupServer } from 'msw/node'
import { createPlexSimulator } from 'react-plex-login/testing'
import { plexSimulatorHandlers } from 'react-plex-login/testing/msw'
import { SignIn } from './SignIn'

const plex = createPlexSimulator()
const server = setupServer(...plexSimulatorHandlers(plex))

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  plex.reset()
})
afterAll(() => server.close())

test('signs in once the code is linked', async () => {
  render(<SignIn />)
  await waitFor(() => expect(plex.latestPin()).toBeTruthy())
  const { code } = plex.latestPin()
  expect(await screen.findByText(code)).toBeTruthy()
  expect(plex.link(code)).toMatchObject({ ok: true })
  expect(await screen.findByText('Signed in', {}, { timeout: 5000 })).toBeTruthy()
  expect(plex.requests('create-pin')).toHaveLength(1)
})
`
