/** Where the client identifier is kept between page loads. */
export const CLIENT_IDENTIFIER_STORAGE_KEY = 'react-plex-login:client-id'

let memoryIdentifier: string | undefined

/**
 * A random v4 UUID. `crypto.randomUUID` exists only in secure contexts (https, localhost), and
 * Plex apps are often served over plain http on a LAN, so fall back to `getRandomValues`, which
 * exists everywhere: each `x` digit is random; `4` is the version and `8` becomes the variant
 * digit (8, 9, a or b).
 */
export function randomUuid(): string {
  return (
    crypto.randomUUID?.() ??
    '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (digit) => {
      const [random = 0] = crypto.getRandomValues(new Uint8Array(1))
      return (+digit ^ (random & (15 >> (+digit / 4)))).toString(16)
    })
  )
}

/**
 * The `X-Plex-Client-Identifier` of this browser install: a UUID created on first use and kept in
 * localStorage under {@link CLIENT_IDENTIFIER_STORAGE_KEY}, so a PIN stays valid across reloads.
 * Where storage is missing or throws (server rendering, private mode, a full quota, a sandboxed
 * iframe) it lives in memory for the page's lifetime instead (on a server: the process's, shared by
 * every request it serves). Nothing runs at import time.
 */
export function getClientIdentifier(): string {
  try {
    // Reading `window.localStorage` itself throws in some privacy modes, and on the server.
    const storage = window.localStorage
    const stored = storage.getItem(CLIENT_IDENTIFIER_STORAGE_KEY)
    if (stored && /^[\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12}$/i.test(stored)) return stored
    memoryIdentifier ??= randomUuid()
    storage.setItem(CLIENT_IDENTIFIER_STORAGE_KEY, memoryIdentifier)
  } catch {
    // Fall through to memory: a throwing storage must not break sign-in.
  }
  return (memoryIdentifier ??= randomUuid())
}
