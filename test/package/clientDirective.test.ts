// @vitest-environment node
/**
 * `'use client'` kept at the top of the built main entry (issue #6), which publint and attw do not
 * check: without it a React Server Components framework (the Next.js App Router) treats the
 * widget and the hook as server code and fails on their state and effects. Read from dist/
 * (`npm test` builds it first).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const dist = resolve(import.meta.dirname, '../../dist')

function built(file: string): string {
  const path = join(dist, file)
  if (!existsSync(path)) throw new Error(`${path} is missing: run "npm run build" first (npm test does).`)
  return readFileSync(path, 'utf8')
}

describe('the built package', () => {
  it("keeps 'use client' as the main entry's first statement", () => {
    expect(built('index.js')).toMatch(/^["']use client["'];?\s/)
  })

  it('leaves it off the React-free client, which servers import', () => {
    expect(built('client.js')).not.toMatch(/["']use client["']/)
  })
})
