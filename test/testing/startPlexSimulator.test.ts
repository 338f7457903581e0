// @vitest-environment node
import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createPlexSimulator, startPlexSimulator, type PlexSimulator, type RunningPlexSimulator } from '../../src/testing'
import { recordHandled } from '../support/recordHandled'

/*
 * The HTTP adapter against hand-written requests: fetch cannot send a TRACE, a bad Host or an
 * odd request target, and a raw socket also stays clear of the MSW interception test/setup.ts
 * installs for http and fetch.
 */

const IDENTIFIER = 'X-Plex-Client-Identifier=raw-client&X-Plex-Product=raw'

const running: RunningPlexSimulator[] = []
async function start(simulator?: PlexSimulator) {
  const server = await startPlexSimulator({ port: 0, simulator })
  running.push(server)
  return server
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()))
})

function portOf(server: RunningPlexSimulator): number {
  return Number(new URL(server.url).port)
}

interface RawAnswer {
  status: number
  headers: string
  body: string
}

/** Sends `head` (request line and headers, CRLF-separated, no blank line) and reads the answer until the server closes. */
function rawRequest(server: RunningPlexSimulator, head: string, body = ''): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const socket = connect(portOf(server), '127.0.0.1', () => {
      socket.end(`${head}\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
    })
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const [headers = '', ...rest] = text.split('\r\n\r\n')
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(headers)?.[1] ?? 0), headers, body: rest.join('\r\n\r\n') })
    })
  })
}

/** Sends a request and leaves it hanging; returns the socket so the test can hang up. */
function hangingRequest(server: RunningPlexSimulator, head: string) {
  const socket = connect(portOf(server), '127.0.0.1', () => socket.write(`${head}\r\nContent-Length: 0\r\n\r\n`))
  socket.on('error', () => undefined)
  return socket
}

/** A simulator whose `handle` calls are recorded as promises that settle when it is done. */
function recordedSimulator(latencyMs: number) {
  const simulator = createPlexSimulator({ latencyMs })
  return { simulator, handled: recordHandled(simulator) }
}

async function until(condition: () => boolean, timeoutMs = 2000) {
  const end = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** `promise`'s value, or `'still pending'` after `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'still pending'> {
  return Promise.race([promise, new Promise<'still pending'>((resolve) => setTimeout(() => resolve('still pending'), ms))])
}

describe('startPlexSimulator with requests a browser would not send', () => {
  it('answers TRACE, CONNECT and other methods it does not serve with 405 and an Allow header', async () => {
    const server = await start()
    const host = `Host: 127.0.0.1:${portOf(server)}`
    // TRACK never gets here: Node's HTTP parser refuses it with a 400 of its own.
    const heads = [`TRACE /api/v2/pins HTTP/1.1\r\n${host}`, `PROPFIND /api/v2/pins HTTP/1.1\r\n${host}`, `CONNECT 127.0.0.1:${portOf(server)} HTTP/1.1\r\n${host}`]
    for (const head of heads) {
      const answer = await rawRequest(server, head)
      expect(answer.status, head).toBe(405)
      expect(answer.headers, head).toMatch(/\r\nallow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS\r\n/i)
    }
    // Refused before the simulator: nothing in its log, and it still answers.
    expect(server.simulator.log).toHaveLength(0)
    expect((await rawRequest(server, `POST /api/v2/pins?${IDENTIFIER} HTTP/1.1\r\n${host}`)).status).toBe(201)
  })

  it('answers 400 to a Host header that is not host[:port]', async () => {
    const server = await start()
    for (const host of ['a b', 'evil.example/path', 'user@evil.example', '127.0.0.1:99999', '[::1', 'a:b:c']) {
      const answer = await rawRequest(server, `POST /api/v2/pins?${IDENTIFIER} HTTP/1.1\r\nHost: ${host}`)
      expect(answer.status, host).toBe(400)
    }
    expect(server.simulator.log).toHaveLength(0)
  })

  it('takes the origin from the Host header or its own address, never from the request target', async () => {
    const server = await start()
    const host = `127.0.0.1:${portOf(server)}`
    const protocolRelative = await rawRequest(server, `POST //evil.example/api/v2/pins?${IDENTIFIER} HTTP/1.1\r\nHost: ${host}\r\nAccept: application/json`)
    expect(protocolRelative.body).not.toContain('evil.example/api/v2/pins/qr')
    expect(server.simulator.log.at(-1)?.path).toBe('//evil.example/api/v2/pins')

    const absolute = await rawRequest(server, `POST http://evil.example/api/v2/pins?${IDENTIFIER} HTTP/1.1\r\nHost: ${host}\r\nAccept: application/json`)
    expect(absolute.status).toBe(201)
    expect(JSON.parse(absolute.body)).toMatchObject({ qr: expect.stringMatching(new RegExp(`^http://${host.replace(/\./g, '\\.')}/api/v2/pins/qr/`)) })

    // A name with its final dot is a host too (and is what the answer names).
    const dotted = await rawRequest(server, `POST /api/v2/pins?${IDENTIFIER} HTTP/1.1\r\nHost: localhost.:${portOf(server)}\r\nAccept: application/json`)
    expect(JSON.parse(dotted.body)).toMatchObject({ qr: expect.stringContaining(`http://localhost.:${portOf(server)}/api/v2/pins/qr/`) })

    // HTTP/1.0 needs no Host: the server's own address stands in.
    const noHost = await rawRequest(server, `POST /api/v2/pins?${IDENTIFIER} HTTP/1.0\r\nAccept: application/json`)
    expect(noHost.status).toBe(201)
    expect(JSON.parse(noHost.body)).toMatchObject({ qr: expect.stringContaining(`${server.url}/api/v2/pins/qr/`) })
  })
})

describe('startPlexSimulator given something that is not a simulator', () => {
  it('refuses at once, saying what it takes, instead of answering every request with a 500', async () => {
    await expect(startPlexSimulator({ simulator: {} as PlexSimulator })).rejects.toThrow(/takes a simulator made by createPlexSimulator\(\)/)
  })
})

describe('startPlexSimulator with scripted faults', () => {
  it('sends a scripted 204, 205 or 304 without a body', async () => {
    const server = await start()
    for (const status of [204, 205, 304]) {
      server.simulator.fail({ type: 'status', status })
      const answer = await rawRequest(server, `POST /api/v2/pins?${IDENTIFIER} HTTP/1.1\r\nHost: 127.0.0.1:${portOf(server)}`)
      expect(answer.status).toBe(status)
      expect(answer.headers).not.toMatch(/transfer-encoding/i)
      expect(answer.body).toBe('')
    }
  })
})

describe('startPlexSimulator with latencyMs', () => {
  it('stops waiting when the client hangs up, and does not act on the request', async () => {
    const { simulator, handled } = recordedSimulator(60_000)
    const server = await start(simulator)
    const socket = hangingRequest(server, `POST /api/v2/pins?${IDENTIFIER} HTTP/1.1\r\nHost: 127.0.0.1:${portOf(server)}`)
    await until(() => handled.length === 1)
    socket.destroy()
    expect(await within(handled[0] as Promise<string>, 2000)).toBe('AbortError')
    expect(simulator.pins).toHaveLength(0)
    expect(simulator.log).toMatchObject([{ route: 'create-pin', status: 0 }])
  })

  it('close() ends requests still waiting, and they create nothing', async () => {
    const { simulator, handled } = recordedSimulator(60_000)
    const server = await start(simulator)
    hangingRequest(server, `POST /api/v2/pins?${IDENTIFIER} HTTP/1.1\r\nHost: 127.0.0.1:${portOf(server)}`)
    await until(() => handled.length === 1)
    await server.close()
    expect(await within(handled[0] as Promise<string>, 2000)).toBe('AbortError')
    expect(simulator.pins).toHaveLength(0)
    expect(simulator.log).toMatchObject([{ route: 'create-pin', status: 0 }])
  })
})
