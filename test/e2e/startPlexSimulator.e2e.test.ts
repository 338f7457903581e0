import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPlexSimulator } from '../../src/testing/createPlexSimulator'
import { PLEX_SIMULATOR_HOST, startPlexSimulator, type RunningPlexSimulator } from '../../src/testing/startPlexSimulator'
import { launchChromium } from './support/browser'

const CLIENT = 'X-Plex-Client-Identifier=e2e-client&X-Plex-Product=e2e'
const APP_ORIGIN = 'http://127.0.0.1:5173'

const running: RunningPlexSimulator[] = []
async function start(options?: Parameters<typeof startPlexSimulator>[0]) {
  const server = await startPlexSimulator({ port: 0, ...options })
  running.push(server)
  return server
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()))
})

async function createPin(url: string) {
  const response = await fetch(`${url}/api/v2/pins?${CLIENT}`, { method: 'POST', headers: { Accept: 'application/json', Origin: APP_ORIGIN } })
  return { response, body: (await response.json()) as { id: number; code: string; authToken: string | null; qr: string } }
}

function postLink(url: string, code: string, headers: Record<string, string> = {}) {
  return fetch(`${url}/link`, { method: 'POST', headers, body: new URLSearchParams({ code }) })
}

describe('startPlexSimulator (the HTTP adapter)', () => {
  it('listens on 127.0.0.1 only, on a free port when asked for 0', async () => {
    const server = await start()
    const url = new URL(server.url)
    expect(url.hostname).toBe(PLEX_SIMULATOR_HOST)
    expect(Number(url.port)).toBeGreaterThan(0)
    expect(server.linkUrl).toBe(`${server.url}/link`)
  })

  it('answers the PIN API as plex.tv, with CORS for the calling origin', async () => {
    const server = await start()
    const { response, body } = await createPin(server.url)
    expect(response.status).toBe(201)
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN)
    expect(body.code).toMatch(/^[A-Z0-9]{4}$/)
    // URLs the simulator builds name the host the client used.
    expect(body.qr).toBe(`${server.url}/api/v2/pins/qr/${body.code}`)

    const poll = await fetch(`${server.url}/api/v2/pins/${body.id}?${CLIENT}`, { headers: { Accept: 'application/json' } })
    expect(poll.status).toBe(200)
    expect(((await poll.json()) as { authToken: unknown }).authToken).toBeNull()

    const preflight = await fetch(`${server.url}/api/v2/user`, {
      method: 'OPTIONS',
      headers: { Origin: APP_ORIGIN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-plex-token' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-headers')).toBe('x-plex-token')

    expect(server.simulator.log.map((entry) => `${entry.method} ${entry.route} ${entry.status}`)).toEqual([
      'POST create-pin 201',
      'GET get-pin 200',
      'OPTIONS preflight 204',
    ])
  })

  it('passes request bodies through (PUT /api/v2/pins/link) and serves a simulator made elsewhere', async () => {
    const simulator = createPlexSimulator({ user: { token: 'user-token-for-e2e' } })
    const server = await start({ simulator })
    expect(server.simulator).toBe(simulator)
    const { body } = await createPin(server.url)

    const linked = await fetch(`${server.url}/api/v2/pins/link?${CLIENT}`, {
      method: 'PUT',
      headers: { 'X-Plex-Token': 'user-token-for-e2e', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `code=${body.code}`,
    })
    expect(linked.status).toBe(204)
    expect(simulator.latestPin()?.authToken).toEqual(expect.any(String))
    // The token the user sent is not in the log.
    expect(simulator.requests('link-pin')[0]?.headers['x-plex-token']).toBe('<redacted>')
  })

  it('drops the connection for a scripted drop fault', async () => {
    const server = await start()
    server.simulator.fail({ type: 'drop' })
    const failure = await fetch(`${server.url}/api/v2/pins?${CLIENT}`, { method: 'POST' }).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(TypeError)
    expect(server.simulator.log.at(-1)?.status).toBe(0)
    // The next request is answered again.
    expect((await createPin(server.url)).response.status).toBe(201)
  })

  it('closes with keep-alive connections still open', async () => {
    const server = await start()
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(`${server.url}/api/v2/pins?${CLIENT}`, { method: 'POST', headers: { Connection: 'keep-alive' } }, (res) => {
        res.resume()
        res.on('end', resolve)
      })
      req.on('error', reject)
      req.end()
    })
    await expect(server.close()).resolves.toBeUndefined()
    await expect(fetch(`${server.url}/link`)).rejects.toThrow()
  })

  it('explains a port that is already taken', async () => {
    const first = await start()
    await expect(startPlexSimulator({ port: Number(new URL(first.url).port) })).rejects.toThrow(/already in use/)
  })

  it('says what broke when the simulator itself fails: a 500 naming it, and the error logged', async () => {
    // As in a test environment missing Request or Response: nothing else would show the cause.
    const simulator = createPlexSimulator()
    simulator.handle = () => Promise.reject(new Error('Request is not defined'))
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const server = await start({ simulator })
    const response = await fetch(`${server.url}/api/v2/pins?${CLIENT}`, { method: 'POST' })
    expect(response.status).toBe(500)
    expect(await response.text()).toBe('plex.tv simulator: Request is not defined\n')
    expect(logged).toHaveBeenCalledWith('plex.tv simulator: POST /api/v2/pins failed:', expect.objectContaining({ message: 'Request is not defined' }))
  })
})

describe('the /link page', () => {
  it('is server-rendered HTML under a strict CSP: no script, no inline style, a labelled field', async () => {
    const server = await start()
    const { body } = await createPin(server.url)
    const response = await fetch(`${server.url}/link?pin=${body.code.toLowerCase()}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("style-src 'self'")
    expect(csp).not.toContain('unsafe-inline')

    const html = await response.text()
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i)
    expect(html).toContain('<label for="code">')
    expect(html).toMatch(/<input id="code" name="code" type="text" value="[A-Z0-9]{4}" maxlength="4"/)
    expect(html).toContain(`value="${body.code}"`)
    expect(html).toContain('autocomplete="off"')
    expect(html).toContain('Plex Fan')

    const css = await fetch(`${server.url}/link.css`)
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
    // Not API traffic: the request log (and so `requests('create-pin')` etc.) holds the POST only.
    await fetch(`${server.url}/favicon.ico`)
    expect(server.simulator.log.map((entry) => entry.route)).toEqual(['create-pin'])
  })

  it('escapes what it echoes and does not prefill anything but a code', async () => {
    const server = await start({ simulator: createPlexSimulator({ user: { title: '<img src=x onerror=alert(1)>' } }) })
    const page = await (await fetch(`${server.url}/link?pin=${encodeURIComponent('"><script>alert(1)</script>')}`)).text()
    expect(page).not.toContain('<script')
    expect(page).not.toContain('<img')
    expect(page).toContain('&#60;img src=x onerror=alert(1)&#62;')
    expect(page).toContain('value=""')

    const posted = await postLink(server.url, '<b>')
    expect(posted.status).toBe(400)
    const html = await posted.text()
    expect(html).not.toContain('<b>')
    expect(html).toContain('&#60;B&#62;')
  })

  it('links a code typed in any case and says so', async () => {
    const server = await start()
    const { body } = await createPin(server.url)
    const response = await postLink(server.url, ` ${body.code.toLowerCase()} `)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('Linked! You can return to the app.')
    expect(server.simulator.latestPin()?.authToken).toEqual(expect.any(String))
  })

  it('says clearly when a code is unknown or expired', async () => {
    const server = await start()
    const { body } = await createPin(server.url)
    const other = body.code === 'ZZZZ' ? 'YYYY' : 'ZZZZ'

    const unknown = await postLink(server.url, other)
    expect(unknown.status).toBe(404)
    expect(await unknown.text()).toContain(`The code ${other} was not found.`)

    server.simulator.expire()
    const expired = await postLink(server.url, body.code)
    expect(expired.status).toBe(410)
    expect(await expired.text()).toContain(`The code ${body.code} has expired.`)
    expect(server.simulator.latestPin()?.authToken).toBeNull()
  })

  it('refuses a form posted from another origin', async () => {
    const server = await start()
    const { body } = await createPin(server.url)
    const response = await postLink(server.url, body.code, { Origin: 'http://evil.example' })
    expect(response.status).toBe(403)
    const crossSite = await postLink(server.url, body.code, { 'Sec-Fetch-Site': 'cross-site' })
    expect(crossSite.status).toBe(403)
    expect(server.simulator.latestPin()?.authToken).toBeNull()
  })
})

// Every surveyed web app (Overseerr, Seerr, Tautulli, Tunarr…) signs in through a popup to
// app.plex.tv/auth with a strong PIN; without a stand-in, that flow could not be built offline
// (an adoption probe, 2026-11-26).
describe('the /auth page (app.plex.tv/auth)', () => {
  async function createStrongPin(url: string) {
    const response = await fetch(`${url}/api/v2/pins?strong=true&${CLIENT}`, { method: 'POST', headers: { Accept: 'application/json' } })
    return (await response.json()) as { id: number; code: string }
  }

  it('reads the code from the fragment, names the app, approves the code on "Allow" and goes on to forwardUrl', { timeout: 60_000 }, async () => {
    const server = await start()
    const pin = await createStrongPin(server.url)
    // The app's page the popup returns to.
    const app = createServer((_req, res) => {
      res.setHeader('Content-Type', 'text/html')
      res.end('<!doctype html><title>back in the app</title>')
    })
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve))
    const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/signed-in`
    const browser = await launchChromium()
    try {
      const page = await browser.newPage()
      const problems: string[] = []
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text())
      })
      const fragment = new URLSearchParams({ clientID: 'e2e-client', code: pin.code, forwardUrl: appUrl, 'context[device][product]': 'Seerr' })
      await page.goto(`${server.authUrl}#?${fragment.toString()}`)
      expect(await page.locator('#auth-app').textContent()).toBe('Seerr')
      await page.getByRole('button', { name: 'Allow' }).click()
      await page.waitForURL(appUrl)
      const poll = await fetch(`${server.url}/api/v2/pins/${pin.id}?${CLIENT}`, { headers: { Accept: 'application/json' } })
      expect(((await poll.json()) as { authToken: unknown }).authToken).toEqual(expect.any(String))

      // Opened without a code (the app built the address wrong): it says so, and offers nothing to click.
      await page.goto(`${server.authUrl}#?clientID=e2e-client`)
      await expect.poll(() => page.locator('#auth-missing').isVisible()).toBe(true)
      expect(await page.getByRole('button', { name: 'Allow' }).isVisible()).toBe(false)
      // The script and styles load under the page's CSP.
      expect(problems).toEqual([])
    } finally {
      await browser.close()
      await new Promise((resolve) => app.close(resolve))
    }
  })

  it('says when a sign-in is unknown or expired, stays put without an http(s) forwardUrl, and refuses other origins', async () => {
    const server = await start()
    const pin = await createStrongPin(server.url)
    const post = (form: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(server.authUrl, { method: 'POST', headers, body: new URLSearchParams(form), redirect: 'manual' })

    expect((await post({ code: pin.code }, { Origin: 'http://evil.example' })).status).toBe(403)
    expect(server.simulator.latestPin()?.authToken).toBeNull()
    const unknown = await post({ code: 'nothing-like-it' })
    expect(unknown.status).toBe(404)
    expect(await unknown.text()).toContain('This sign-in was not found.')

    const approved = await post({ code: pin.code, forwardUrl: 'javascript:alert(1)' })
    expect(approved.status).toBe(200)
    expect(await approved.text()).toContain('Signed in. You can close this window')

    const other = await createStrongPin(server.url)
    server.simulator.expire(other.id)
    expect((await post({ code: other.code })).status).toBe(410)
  })
})

// Behaviours a mutation probe (2026-11-27) found no test held: each test fails on its mutant.
describe('startPlexSimulator, at the edges of its HTTP server and /link page', () => {
  it('refuses an API request body above 64 KiB with 413, and takes one just under it', async () => {
    const { url, simulator } = await start()
    const send = (size: number) =>
      fetch(`${url}/api/v2/pins?${CLIENT}`, { method: 'POST', headers: { Accept: 'application/json' }, body: 'x'.repeat(size) })
    expect((await send(64 * 1024 + 1)).status).toBe(413)
    expect(simulator.requests('create-pin')).toHaveLength(0)
    expect((await send(64 * 1024)).status).toBe(201)
  })

  it('links a code posted with Sec-Fetch-Site: none (a request the person started)', async () => {
    const { url, simulator } = await start()
    const { body } = await createPin(url)
    const response = await postLink(url, body.code, { 'Sec-Fetch-Site': 'none' })
    expect(response.status).toBe(200)
    expect(simulator.latestPin()?.authToken).not.toBeNull()
  })

  it('empties the code field after a successful link, and keeps it after a failed one', async () => {
    const { url } = await start()
    const { body } = await createPin(url)
    const linked = await (await postLink(url, body.code)).text()
    expect(linked).toContain('value=""')
    const unknown = body.code === 'ZZZZ' ? 'YYYY' : 'ZZZZ'
    const failed = await (await postLink(url, unknown)).text()
    expect(failed).toContain(`value="${unknown}"`)
  })
})
