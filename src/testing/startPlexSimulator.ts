/// <reference types="node" />
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { createPlexSimulator, SimulatedConnectionDrop, type PlexSimulator } from './createPlexSimulator.js'

/** The only address the simulator listens on: it is a test tool, never reachable from the LAN. */
export const PLEX_SIMULATOR_HOST = '127.0.0.1'
/** A request body larger than this is refused (413): nothing plex.tv accepts comes close. */
const MAX_BODY_BYTES = 64 * 1024
const LINK_CODE_PATTERN = /^[A-Z0-9]{4}$/
/**
 * The methods passed to the simulator (it answers 404 where plex.tv has no route); the rest get
 * 405. `Request` refuses to carry CONNECT, TRACE and TRACK at all.
 */
const API_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])
const ALLOWED_METHODS = [...API_METHODS].join(', ')
/** host[:port] as a Host header carries it: a name (a final dot allowed), an IPv4 address or a bracketed IPv6 one. */
const HOST_PATTERN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i
/** Statuses HTTP sends without a body. */
const NULL_BODY_STATUSES = new Set([204, 205, 304])

/** Options of {@link startPlexSimulator}. */
export interface StartPlexSimulatorOptions {
  /** The TCP port; `0` picks a free one. @defaultValue `0` */
  port?: number | undefined
  /** The simulator to serve, for tests that script it. @defaultValue a new `createPlexSimulator()` */
  simulator?: PlexSimulator | undefined
}

/** A simulator served over HTTP, from {@link startPlexSimulator}. */
export interface RunningPlexSimulator {
  /** The origin to pass as `baseUrl`, e.g. `http://127.0.0.1:5055` (no trailing slash). */
  url: string
  /** The page where a person enters the code, to pass as `linkUrl`: `${url}/link`. */
  linkUrl: string
  /**
   * The stand-in for `https://app.plex.tv/auth`, where a popup flow sends the person with a strong
   * PIN's code in the fragment: `${authUrl}#?clientID=…&code=…&forwardUrl=…`. Its "Allow" button
   * approves the code (as `authorize()` does) and goes on to `forwardUrl`, if any.
   */
  authUrl: string
  /** The simulator behind the server, to script it: `link`, `fail`, `expire`, `log`… */
  simulator: PlexSimulator
  /**
   * Stops listening and ends every open connection. Requests still waiting out `latencyMs` stop
   * waiting and have no effect (logged with status 0), so nothing keeps the process alive.
   */
  close(): Promise<void>
}

/**
 * Puts a {@link PlexSimulator} behind a real HTTP server on 127.0.0.1, so a real browser (or any
 * HTTP client) talks to it across origins, CORS included. Besides the API it serves `/link`, a
 * server-rendered stand-in for plex.tv/link where a person types the code; that page works under
 * a strict Content-Security-Policy and is not part of the simulator's request log. Requests no
 * browser sends get their answer here too, without reaching the simulator: 405 for a method it
 * does not serve (TRACE, CONNECT…), 400 for a Host header that is not host[:port].
 *
 * Node only: `node:http` is loaded when this function runs, so importing `react-plex-login`'s
 * testing entry in a browser bundle (for the MSW handlers) stays harmless.
 */
export async function startPlexSimulator({ port = 0, simulator = createPlexSimulator() }: StartPlexSimulatorOptions = {}): Promise<RunningPlexSimulator> {
  if (typeof (simulator as Partial<PlexSimulator> | null)?.handle !== 'function') {
    throw new TypeError('plex.tv simulator: startPlexSimulator({ simulator }) takes a simulator made by createPlexSimulator(), or none for a new one.')
  }
  const { createServer } = await import('node:http')
  const sockets = new Set<Socket>()
  /** One per request being answered, to end them all on `close()`. */
  const inFlight = new Set<AbortController>()

  const server: Server = createServer((req, res) => {
    const controller = new AbortController()
    inFlight.add(controller)
    // The client went away (or `close()` ended its connection) before its answer: the simulator
    // must stop waiting out latencyMs and not act on a request whose answer nobody reads.
    res.once('close', () => {
      inFlight.delete(controller)
      if (!res.writableFinished) controller.abort()
    })
    serve(req, res, simulator, controller.signal).catch((error: unknown) => {
      // A bug in the adapter (or a test environment without Request/Response) must not take the
      // test run down with an unhandled rejection, nor hide: the 500 only reaches the app under
      // test, which shows it as plex.tv trouble. The path only: a query may carry a token.
      console.error(`plex.tv simulator: ${req.method} ${(req.url ?? '/').split('?')[0]} failed:`, error)
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
        res.end(`plex.tv simulator: ${error instanceof Error ? error.message : String(error)}\n`)
      } else res.destroy()
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  // Node hands CONNECT to this event, not to the request handler, and without a listener it
  // closes the connection without a word.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => refuseConnect(socket))

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening)
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`plex.tv simulator: port ${port} on ${PLEX_SIMULATOR_HOST} is already in use; pick another port (or 0 for any free one).`, { cause: error })
          : error,
      )
    }
    const onListening = () => {
      server.off('error', onError)
      resolve()
    }
    server.once('error', onError)
    server.once('listening', onListening)
    server.listen(port, PLEX_SIMULATOR_HOST)
  })

  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('plex.tv simulator: the server has no TCP address')
  const url = `http://${PLEX_SIMULATOR_HOST}:${address.port}`

  let closing: Promise<void> | undefined
  return {
    url,
    linkUrl: `${url}/link`,
    authUrl: `${url}/auth`,
    simulator,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        for (const controller of inFlight) controller.abort()
        // Keep-alive connections (a browser holds several) would keep `close` waiting forever.
        for (const socket of sockets) socket.destroy()
      })
      return closing
    },
  }
}

/** What `new Request` cannot carry, answered as the API's other unsupported methods are. */
function refuseConnect(socket: Duplex): void {
  const text = 'Method Not Allowed\n'
  socket.on('error', () => undefined)
  socket.end(
    `HTTP/1.1 405 Method Not Allowed\r\nAllow: ${ALLOWED_METHODS}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  )
}

/**
 * The origin the answer's URLs name: the Host header when it is a plain host[:port] (the host the
 * client used), the server's own address without one (HTTP/1.0), `undefined` for any other Host.
 */
function originOf(req: IncomingMessage): string | undefined {
  const { host } = req.headers
  if (host === undefined) return `http://${PLEX_SIMULATOR_HOST}:${req.socket.localPort ?? 0}`
  if (!HOST_PATTERN.test(host)) return undefined
  try {
    return new URL(`http://${host}`).origin
  } catch {
    return undefined // a port above 65535, an IPv6 address that is not one
  }
}

/**
 * The path and query of the request target. Only those: `//evil.example/…` is a path here, and
 * an absolute-form target (`http://host/…`, what proxies send) gives up its origin.
 */
function pathOf(target: string): string | undefined {
  if (target.startsWith('/')) return target
  try {
    const url = new URL(target)
    return /^https?:$/.test(url.protocol) ? `${url.pathname}${url.search}` : undefined
  } catch {
    return undefined
  }
}

async function serve(req: IncomingMessage, res: ServerResponse, simulator: PlexSimulator, signal: AbortSignal): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase()
  const origin = originOf(req)
  if (origin === undefined) return sendText(res, 400, 'Bad Request: the Host header must be host[:port]')
  const target = pathOf(req.url ?? '/')
  if (target === undefined) return sendText(res, 400, 'Bad Request: the request target must be a path')
  // Appended to an origin already complete, the target cannot move the request to another host.
  const url = new URL(`${origin}${target}`)
  const path = url.pathname.replace(/\/+$/, '') || '/'

  if (path === '/link' || path === '/link.css') {
    await serveLinkPage(req, res, { method, path, url, origin, simulator })
    return
  }
  if (path === '/auth' || path === '/auth.js') {
    await serveAuthPage(req, res, { method, path, url, origin, simulator })
    return
  }
  if (path === '/favicon.ico') {
    // Browsers ask for it on every visit to /link; keep that out of the API's request log.
    res.writeHead(204, { 'Cache-Control': 'max-age=86400' })
    res.end()
    return
  }
  if (!API_METHODS.has(method)) return sendText(res, 405, 'Method Not Allowed', { Allow: ALLOWED_METHODS })

  let body: Buffer | undefined
  if (method !== 'GET' && method !== 'HEAD') {
    body = await readBody(req)
    if (body === undefined) {
      sendText(res, 413, 'Request body too large')
      return
    }
  }

  const headers = new Headers()
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] as string
    // Hop-by-hop headers describe this connection, not the request.
    if (/^(connection|keep-alive|transfer-encoding|upgrade|proxy-connection)$/i.test(name)) continue
    headers.append(name, req.rawHeaders[i + 1] as string)
  }

  let response: Response
  try {
    response = await simulator.handle(
      new Request(url, { method, headers, body: body && body.length > 0 ? new Uint8Array(body) : undefined, signal }),
    )
  } catch (error) {
    // The connection is gone already; there is no one to answer.
    if (signal.aborted) return
    if (error instanceof SimulatedConnectionDrop) {
      // What a dropped connection looks like to the client: no status line at all.
      req.socket.destroy()
      return
    }
    throw error
  }

  const outgoing: Record<string, string | string[]> = {}
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') outgoing[name] = value
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) outgoing['set-cookie'] = cookies
  const payload = method === 'HEAD' || NULL_BODY_STATUSES.has(response.status) ? undefined : Buffer.from(await response.arrayBuffer())
  if (payload !== undefined) outgoing['content-length'] = String(payload.length)
  // Node frames a 205 like any status with a body (chunked); a zero length keeps it empty, as HTTP asks.
  else if (response.status === 205) outgoing['content-length'] = '0'
  res.writeHead(response.status, response.statusText || undefined, outgoing)
  res.end(payload)
}

/** The whole body, or `undefined` when it is larger than {@link MAX_BODY_BYTES}. */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) return undefined
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers })
  res.end(`${text}\n`)
}

// ---------------------------------------------------------------------------------------------
// The /link page: what plex.tv/link is for a person who is signed in to Plex.
// ---------------------------------------------------------------------------------------------

/** No script at all, styles only from /link.css, forms only to this origin, never framed. */
const LINK_PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

const LINK_PAGE_HEADERS = {
  'Content-Security-Policy': LINK_PAGE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // Not `no-referrer`: with it, Chrome sends `Origin: null` on the form's own POST.
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-store',
}

const LINK_PAGE_CSS = `:root { color-scheme: light dark; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; line-height: 1.45; }
body { margin: 0; padding: 48px 16px; background: Canvas; color: CanvasText; }
main { box-sizing: border-box; max-width: 420px; margin: 0 auto; padding: 24px; border: 1px solid #d1d9e0; border-radius: 12px; }
h1 { margin: 0 0 8px; font-size: 1.5rem; }
.account { margin: 0 0 24px; color: GrayText; }
form { display: grid; grid-template-columns: minmax(0, 1fr); gap: 8px; }
label { font-weight: 600; }
.row { display: flex; gap: 8px; }
input { flex: 1; min-width: 0; padding: 8px 12px; font: 700 1.75rem ui-monospace, Menlo, Consolas, monospace; letter-spacing: 0.3em; text-transform: uppercase; border: 1px solid #8c959f; border-radius: 8px; }
button { padding: 0 20px; font: inherit; font-weight: 600; border: 1px solid #e5a00d; border-radius: 8px; background: #e5a00d; color: #1f1f1f; cursor: pointer; }
input:focus-visible, button:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
.hint { margin: 0; color: GrayText; font-size: 0.9rem; }
.message { margin: 24px 0 0; padding: 12px 16px; border-radius: 8px; font-weight: 600; }
.message.success { background: #dafbe1; color: #116329; }
.message.error { background: #ffebe9; color: #a40e26; }
.note { margin: 24px 0 0; font-size: 0.85rem; color: GrayText; }
[hidden] { display: none !important; }
`

/**
 * Whether a form post comes from another site: only a page's own form may link or approve a code,
 * or another site could sign a person in to it behind their back.
 */
function isCrossOrigin(req: IncomingMessage, origin: string): boolean {
  const requestOrigin = req.headers.origin
  const fetchSite = req.headers['sec-fetch-site']
  return (requestOrigin !== undefined && requestOrigin !== origin) || (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none')
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

interface LinkRequest {
  method: string
  path: string
  url: URL
  origin: string
  simulator: PlexSimulator
}

type LinkMessage = { kind: 'success' | 'error'; text: string } | null

async function serveLinkPage(req: IncomingMessage, res: ServerResponse, { method, path, url, origin, simulator }: LinkRequest): Promise<void> {
  if (path === '/link.css') {
    if (method !== 'GET' && method !== 'HEAD') return sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' })
    res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' })
    res.end(method === 'HEAD' ? undefined : LINK_PAGE_CSS)
    return
  }

  if (method === 'GET' || method === 'HEAD') {
    const pin = (url.searchParams.get('pin') ?? '').trim().toUpperCase()
    const html = renderLinkPage(simulator, { code: LINK_CODE_PATTERN.test(pin) ? pin : '', message: null })
    res.writeHead(200, { ...LINK_PAGE_HEADERS, 'Content-Type': 'text/html; charset=utf-8' })
    res.end(method === 'HEAD' ? undefined : html)
    return
  }
  if (method !== 'POST') return sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD, POST' })

  if (isCrossOrigin(req, origin)) return sendText(res, 403, 'Cross-origin form posts are refused: enter the code on this page.')

  const body = await readBody(req)
  if (body === undefined) return sendText(res, 413, 'Request body too large')
  const submitted = (new URLSearchParams(body.toString('utf8')).get('code') ?? '').trim().toUpperCase()

  let status: number
  let message: LinkMessage
  if (!LINK_CODE_PATTERN.test(submitted)) {
    status = 400
    message = { kind: 'error', text: `“${submitted}” is not a code. Enter the 4 letters and digits shown on your device.` }
    if (submitted === '') message.text = 'Enter the 4-character code shown on your device.'
  } else {
    const result = simulator.link(submitted)
    if (result.ok) {
      status = 200
      message = { kind: 'success', text: 'Linked! You can return to the app.' }
    } else if (result.reason === 'expired') {
      status = 410
      message = { kind: 'error', text: `The code ${submitted} has expired. Get a new code on your device and enter that one.` }
    } else {
      status = 404
      message = { kind: 'error', text: `The code ${submitted} was not found. Check the code shown on your device and try again.` }
    }
  }
  const html = renderLinkPage(simulator, { code: message.kind === 'success' ? '' : submitted, message })
  res.writeHead(status, { ...LINK_PAGE_HEADERS, 'Content-Type': 'text/html; charset=utf-8' })
  res.end(html)
}

function renderLinkPage(simulator: PlexSimulator, { code, message }: { code: string; message: LinkMessage }): string {
  const { title, username } = simulator.user
  const messageHtml = message
    ? `<p class="message ${message.kind}" id="link-message" role="${message.kind === 'error' ? 'alert' : 'status'}" data-result="${message.kind}">${escapeHtml(message.text)}</p>\n`
    : ''
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Link a device · plex.tv simulator</title>
<link rel="stylesheet" href="/link.css">
</head>
<body>
<main>
<h1>Link a device</h1>
<p class="account">Signed in as <strong data-user-title>${escapeHtml(title)}</strong> (<span data-user-name>${escapeHtml(username)}</span>)</p>
${messageHtml}<form method="post" action="/link">
<label for="code">Enter the 4-character code shown on your device</label>
<div class="row">
<input id="code" name="code" type="text" value="${escapeHtml(code)}" maxlength="4" minlength="4" required autocomplete="off" autocapitalize="characters" autocorrect="off" spellcheck="false" aria-describedby="code-hint"${code === '' ? ' autofocus' : ''}>
<button type="submit">Link</button>
</div>
<p class="hint" id="code-hint">Letters and digits, for example 7RQZ.</p>
</form>
<p class="note">This is the offline plex.tv simulator of react-plex-login, not plex.tv.</p>
</main>
</body>
</html>
`
}

// ---------------------------------------------------------------------------------------------
// The /auth page: what app.plex.tv/auth is for a person who is signed in to Plex (popup flows).
// ---------------------------------------------------------------------------------------------

/**
 * app.plex.tv/auth reads its parameters from the fragment, which only a script can (this one is
 * /auth.js); and its form goes on to the app's `forwardUrl`, which `form-action` checks too.
 */
const AUTH_PAGE_HEADERS = {
  ...LINK_PAGE_HEADERS,
  'Content-Security-Policy': LINK_PAGE_CSP.replace("default-src 'none';", "default-src 'none'; script-src 'self';").replace(
    "form-action 'self';",
    "form-action 'self' http: https:;",
  ),
}

/**
 * Fills the form from the fragment (`#?clientID=…&code=…&forwardUrl=…`, or `#!?…` as some apps
 * write it) and names the app; the server does the rest.
 */
const AUTH_PAGE_SCRIPT = `const params = new URLSearchParams(location.hash.replace(/^#!?\\??/, ''))
const form = document.getElementById('auth-form')
const code = params.get('code') || ''
form.elements.code.value = code
form.elements.forwardUrl.value = params.get('forwardUrl') || ''
document.getElementById('auth-app').textContent = params.get('context[device][product]') || 'An app'
if (code) form.hidden = false
else document.getElementById('auth-missing').hidden = false
`

function renderAuthPage(simulator: PlexSimulator, message: LinkMessage): string {
  const { title, username } = simulator.user
  const body = message
    ? `<p class="message ${message.kind}" id="auth-message" role="${message.kind === 'error' ? 'alert' : 'status'}" data-result="${message.kind}">${escapeHtml(message.text)}</p>\n`
    : `<p><strong id="auth-app">An app</strong> wants to sign in with your Plex account.</p>
<form id="auth-form" method="post" action="/auth" hidden>
<input type="hidden" name="code">
<input type="hidden" name="forwardUrl">
<button type="submit">Allow</button>
</form>
<p class="message error" id="auth-missing" role="alert" hidden>The address has no code after “#?code=”. Open this page from the app’s sign-in button.</p>
<noscript><p class="message error">This page reads the app’s code from the address after “#”, which needs JavaScript.</p></noscript>
<script src="/auth.js" defer></script>
`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · plex.tv simulator</title>
<link rel="stylesheet" href="/link.css">
</head>
<body>
<main>
<h1>Sign in with Plex</h1>
<p class="account">Signed in as <strong data-user-title>${escapeHtml(title)}</strong> (<span data-user-name>${escapeHtml(username)}</span>)</p>
${body}<p class="note">This is the offline plex.tv simulator of react-plex-login, not plex.tv.</p>
</main>
</body>
</html>
`
}

async function serveAuthPage(req: IncomingMessage, res: ServerResponse, { method, path, origin, simulator }: LinkRequest): Promise<void> {
  if (path === '/auth.js') {
    if (method !== 'GET' && method !== 'HEAD') return sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' })
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' })
    res.end(method === 'HEAD' ? undefined : AUTH_PAGE_SCRIPT)
    return
  }
  const send = (status: number, message: LinkMessage) => {
    res.writeHead(status, { ...AUTH_PAGE_HEADERS, 'Content-Type': 'text/html; charset=utf-8' })
    res.end(method === 'HEAD' ? undefined : renderAuthPage(simulator, message))
  }
  if (method === 'GET' || method === 'HEAD') return send(200, null)
  if (method !== 'POST') return sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD, POST' })

  if (isCrossOrigin(req, origin)) return sendText(res, 403, 'Cross-origin form posts are refused: approve the code on this page.')
  const body = await readBody(req)
  if (body === undefined) return sendText(res, 413, 'Request body too large')
  const form = new URLSearchParams(body.toString('utf8'))
  const result = simulator.authorize(form.get('code') ?? '')
  if (!result.ok) {
    return send(result.reason === 'expired' ? 410 : 404, {
      kind: 'error',
      text: result.reason === 'expired' ? 'This sign-in has expired. Start it again from the app.' : 'This sign-in was not found. Start it again from the app.',
    })
  }
  // plex.tv goes on only to an http(s) forwardUrl; anything else stays here.
  const forward = parseForwardUrl(form.get('forwardUrl'))
  if (forward) {
    res.writeHead(303, { Location: forward, 'Cache-Control': 'no-store' })
    res.end()
    return
  }
  send(200, { kind: 'success', text: 'Signed in. You can close this window and return to the app.' })
}

function parseForwardUrl(value: string | null): string | undefined {
  try {
    const url = new URL(value ?? '')
    return /^https?:$/.test(url.protocol) ? url.href : undefined
  } catch {
    return undefined
  }
}
