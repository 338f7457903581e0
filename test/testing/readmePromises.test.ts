/** Promises the README makes about the simulator that no other test held (found by a README audit). */
import { describe, expect, it } from 'vitest'
import { createPlexSimulator } from '../../src/testing'

const ORIGIN = 'https://plex.tv'
const CLIENT = 'client-1'
const JSON_ACCEPT = { Accept: 'application/json' }
const query = () => new URLSearchParams({ 'X-Plex-Product': 'Sim Test', 'X-Plex-Client-Identifier': CLIENT }).toString()

describe('createPlexSimulator (README promises)', () => {
  // README: "`createPlexSimulator({ exposeRetryAfter: false })` hides `Retry-After` from cross-origin scripts."
  it('exposeRetryAfter: false leaves Retry-After out of Access-Control-Expose-Headers; the default exposes it', async () => {
    for (const [exposeRetryAfter, exposed] of [[undefined, 'Retry-After'], [false, null]] as const) {
      const sim = createPlexSimulator({ exposeRetryAfter })
      sim.fail({ type: 'status', status: 429, retryAfter: '5' })
      const response = await sim.handle(new Request(`${ORIGIN}/api/v2/pins?${query()}`, { method: 'POST', headers: { ...JSON_ACCEPT, Origin: 'https://my.app' } }))
      expect(response.status).toBe(429)
      expect(response.headers.get('Retry-After')).toBe('5')
      expect(response.headers.get('Access-Control-Expose-Headers')).toBe(exposed)
    }
  })

  // README: "`reset()` forgets PINs, tokens, faults and the log" (used in afterEach in its sample).
  it('reset() forgets PINs, the tokens links minted and scripted faults', async () => {
    const sim = createPlexSimulator()
    const send = (path: string, init: RequestInit = {}) => sim.handle(new Request(`${ORIGIN}${path}`, init))
    await send(`/api/v2/pins?${query()}`, { method: 'POST', headers: JSON_ACCEPT })
    expect(sim.link(sim.latestPin()?.code ?? '')).toMatchObject({ ok: true })
    const token = sim.latestPin()?.authToken ?? ''
    expect(token).not.toBe('')
    expect((await send(`/api/v2/user?${query()}`, { headers: { ...JSON_ACCEPT, 'X-Plex-Token': token } })).status).toBe(200)
    sim.fail({ type: 'status', status: 500 }, { times: Infinity })
    sim.reset()
    expect(sim.pins).toHaveLength(0)
    expect(sim.log).toHaveLength(0)
    const user = await send(`/api/v2/user?${query()}`, { headers: { ...JSON_ACCEPT, 'X-Plex-Token': token } })
    expect(user.status).toBe(401)
    expect((await send(`/api/v2/pins?${query()}`, { method: 'POST', headers: JSON_ACCEPT })).status).toBe(201)
  })
})
