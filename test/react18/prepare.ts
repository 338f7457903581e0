/**
 * Installs React 18 and the packages that import React, side by side with the project's own
 * (React 19), into node_modules/.react18, for `npm run test:react18`. The peers allow React 18, so
 * the suite runs on it too: React 18 has bugs and warnings 19 does not (a React 18 probe found a
 * widget stuck on "You are offline" there). The other packages are pinned to the versions the
 * project has installed, so the two runs differ in React alone. Needs the npm registry once; later
 * runs find the install in place.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REACT_18_VERSION = '18.3.1'
const root = fileURLToPath(new URL('../..', import.meta.url))
export const REACT_18_DIR = join(root, 'node_modules', '.react18')
/** What imports React, so each must come from the React 18 install to see React 18. */
const REACT_USERS = ['@testing-library/react', '@testing-library/dom', '@tanstack/react-query', 'qrcode.react']
/** Every package the React 18 run takes from node_modules/.react18. */
export const REACT_18_PACKAGE_NAMES = ['react', 'react-dom', ...REACT_USERS]

function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version
}

export function react18Packages(): string[] {
  return [`react@${REACT_18_VERSION}`, `react-dom@${REACT_18_VERSION}`, ...REACT_USERS.map((name) => `${name}@${installedVersion(name)}`)]
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const packages = react18Packages()
  const marker = join(REACT_18_DIR, 'installed.json')
  if (existsSync(marker) && readFileSync(marker, 'utf8') === JSON.stringify(packages)) {
    process.stdout.write(`React 18 install in place: ${packages.join(' ')}\n`)
  } else {
    mkdirSync(REACT_18_DIR, { recursive: true })
    writeFileSync(join(REACT_18_DIR, 'package.json'), '{ "private": true }\n')
    process.stdout.write(`Installing into node_modules/.react18: ${packages.join(' ')}\n`)
    try {
      execFileSync('npm', ['install', '--prefix', REACT_18_DIR, '--no-package-lock', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', ...packages], { stdio: 'inherit' })
    } catch {
      console.error('Could not install React 18 for `npm run test:react18`: it needs the npm registry (registry.npmjs.org or your npm config\'s) once. Check the connection and run it again.')
      process.exit(1)
    }
    writeFileSync(marker, JSON.stringify(packages))
  }
}
