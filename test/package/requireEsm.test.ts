// @vitest-environment node
/**
 * README, "Use it": "Node 20.19+ (`import`, or `require()`) ... take it". A CommonJS server
 * require()s the ES module entries (Node's require(esm), unflagged in 20.19). Read from dist/
 * (`npm test` builds it first), through the package's own name and `exports`.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')

describe('the built package under require()', () => {
  it('loads react-plex-login/client and /testing from a CommonJS script, and signs in', () => {
    if (!existsSync(resolve(root, 'dist/client.js'))) throw new Error('dist/ is missing: run "npm run build" first (npm test does).')
    const script = `
      const { createPlexClient } = require('react-plex-login/client')
      const { createPlexSimulator } = require('react-plex-login/testing')
      const sim = createPlexSimulator()
      const plex = createPlexClient({ product: 'CJS server', clientIdentifier: 'cjs', fetch: sim.fetch })
      plex.createPin().then(async (pin) => {
        sim.link(pin.code)
        const polled = await plex.getPin(pin.id)
        console.log(JSON.stringify({ linked: typeof polled.authToken === 'string', user: (await plex.getUser(polled.authToken)).username }))
      })`
    const out = execFileSync(process.execPath, ['--input-type=commonjs', '-e', script], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    expect(JSON.parse(out.trim().split('\n').at(-1) ?? '')).toEqual({ linked: true, user: 'plexfan' })
  })
})
