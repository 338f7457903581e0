// @vitest-environment node
/**
 * The unit files share their worker's modules (vite.config.ts, `isolate: false`). A `vi.mock` of a
 * module that an earlier file in the worker already loaded changes nothing, so a file that mocks
 * a module must be listed to run isolated; one that is not would test the real module while
 * claiming to test the mock, or fail depending on which files ran before it in its worker.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MOCKING_TESTS } from '../../vite.config'

const repo = join(import.meta.dirname, '../..')

function testFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return ['e2e', 'consumer'].includes(entry.name) && folder === join(repo, 'test') ? [] : testFiles(path)
    return /\.test\.tsx?$/.test(entry.name) ? [relative(repo, path)] : []
  })
}

describe('the unit projects', () => {
  it('run every file that mocks a module isolated, and only those', () => {
    const mocking = testFiles(join(repo, 'test')).filter((file) => /\bvi\.(mock|doMock)\(/.test(readFileSync(join(repo, file), 'utf8')))
    expect(mocking.length).toBeGreaterThan(0)
    expect(mocking.sort()).toEqual([...MOCKING_TESTS].sort())
  })
})
