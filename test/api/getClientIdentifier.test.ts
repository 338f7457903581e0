import { beforeEach, describe, expect, it, vi } from 'vitest'
import { CLIENT_IDENTIFIER_STORAGE_KEY, randomUuid } from '../../src/api/getClientIdentifier'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/**
 * A fresh module per test, as a new page load has: the in-memory identifier is module state, and
 * one test's must not make the next one pass (a test-quality probe found the in-memory tests
 * passing only after the first test had set it).
 */
let getClientIdentifier: () => string
beforeEach(async () => {
  vi.resetModules()
  ;({ getClientIdentifier } = await import('../../src/api/getClientIdentifier'))
})

describe('getClientIdentifier', () => {
  it('creates a UUID once and keeps it in localStorage', () => {
    const first = getClientIdentifier()
    expect(first).toMatch(UUID)
    expect(localStorage.getItem(CLIENT_IDENTIFIER_STORAGE_KEY)).toBe(first)
    expect(getClientIdentifier()).toBe(first)
  })

  it('reuses the stored identifier of an earlier page load', () => {
    const stored = '0f0e0d0c-0b0a-4909-8807-060504030201'
    localStorage.setItem(CLIENT_IDENTIFIER_STORAGE_KEY, stored)
    expect(getClientIdentifier()).toBe(stored)
  })

  it('replaces a stored value that is not a UUID', () => {
    localStorage.setItem(CLIENT_IDENTIFIER_STORAGE_KEY, '<script>')
    expect(getClientIdentifier()).toMatch(UUID)
  })

  it.each([
    ['text before it', 'x0f0e0d0c-0b0a-4909-8807-060504030201'],
    ['text after it', '0f0e0d0c-0b0a-4909-8807-060504030201x'],
  ])('replaces a stored UUID with %s', (_name, stored) => {
    localStorage.setItem(CLIENT_IDENTIFIER_STORAGE_KEY, stored)
    const id = getClientIdentifier()
    expect(id).toMatch(UUID)
    expect(localStorage.getItem(CLIENT_IDENTIFIER_STORAGE_KEY)).toBe(id)
  })

  it('keeps working in memory when storage throws (private mode, full quota)', () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError')
    })
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError')
    })
    const first = getClientIdentifier()
    expect(first).toMatch(UUID)
    expect(getClientIdentifier()).toBe(first)
  })

  it('keeps one identifier when only writing throws (Safari private mode: reads work, writes do not)', () => {
    // A new one per call would change X-Plex-Client-Identifier between a PIN and its polls.
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError')
    })
    const first = getClientIdentifier()
    expect(first).toMatch(UUID)
    expect(getClientIdentifier()).toBe(first)
  })

  it('makes v4 UUIDs without crypto.randomUUID (plain-http LAN pages lack it)', () => {
    vi.spyOn(crypto, 'randomUUID').mockImplementation(undefined as never)
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true })
    try {
      const ids = new Set(Array.from({ length: 50 }, randomUuid))
      expect(ids.size).toBe(50)
      for (const id of ids) expect(id).toMatch(UUID)
      // The variant digit takes two random bits: 8, 9, a or b.
      const fill = (byte: number) => vi.spyOn(crypto, 'getRandomValues').mockImplementation((array) => (array as Uint8Array).fill(byte) as never)
      fill(0xff)
      expect(randomUuid()[19]).toBe('b')
      fill(0)
      expect(randomUuid()[19]).toBe('8')
    } finally {
      delete (crypto as { randomUUID?: unknown }).randomUUID
    }
  })
})
