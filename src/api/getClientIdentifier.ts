/** Where the client identifier is kept between page loads. */
export const CLIENT_IDENTIFIER_STORAGE_KEY = 'react-plex-login:client-id'

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

let memoryIdentifier: string | undefined

/**
 * A random v4 UUID. `crypto.randomUUID` exists only in secure contexts (https, localhost), and
 * Plex apps are often served over plain http on a LAN, so fall back to `getRandomValues`, which
 * exists everywhere.
 */
export function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  const hex = Array.from(bytes, (byte, index) => {
    // RFC 9562: version 4 in byte 6, variant 10xx in byte 8.
    const value = index === 6 ? (byte & 0x0f) | 0x40 : index === 8 ? (byte & 0x3f) | 0x80 : byte
    return value.toString(16).padStart(2, '0')
  }).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

function readStorage(): Storage | undefined {
  try {
    // Reading `localStorage` itself throws in some privacy modes and sandboxed iframes.
    return typeof window === 'undefined' ? undefined : window.localStorage
  } catch {
    return undefined
  }
}

/**
 * The `X-Plex-Client-Identifier` of this browser install: a UUID created on first use and kept in
 * localStorage under {@link CLIENT_IDENTIFIER_STORAGE_KEY}, so a PIN stays valid across reloads.
 * Where storage is missing or throws (server rendering, private mode, a full quota) it lives in
 * memory for the page's lifetime instead. Nothing runs at import time.
 */
export function getClientIdentifier(): string {
  const storage = readStorage()
  if (storage) {
    try {
      const stored = storage.getItem(CLIENT_IDENTIFIER_STORAGE_KEY)
      if (stored && UUID_PATTERN.test(stored)) return stored
      memoryIdentifier ??= randomUuid()
      storage.setItem(CLIENT_IDENTIFIER_STORAGE_KEY, memoryIdentifier)
      return memoryIdentifier
    } catch {
      // Fall through to memory: a throwing storage must not break sign-in.
    }
  }
  memoryIdentifier ??= randomUuid()
  return memoryIdentifier
}
