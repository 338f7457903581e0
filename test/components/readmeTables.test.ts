// @vitest-environment node
/** The README's Words table, custom-property table and data-part list, read against the source. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { defaultPlexLoginLabels, type PlexLoginLabels } from '../../src'

const readme = readFileSync('README.md', 'utf8')
const css = readFileSync('src/styles.css', 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')

/** The rows of the README table whose header row starts with `| first |`. */
function tableRows(first: string): string[][] {
  const start = readme.indexOf(`| ${first} |`)
  if (start < 0) throw new Error(`README.md has no table starting with "| ${first} |"`)
  const lines = readme.slice(start).split('\n')
  const rows = lines.slice(2, lines.findIndex((line, index) => index > 0 && !line.startsWith('|')))
  return rows.map((row) => row.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim()))
}
const ticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? '')

describe("README's tables agree with the source", () => {
  it('"Words": every label, each with its English default', () => {
    const listed: string[] = []
    const sample: Record<string, string> = { codeForScreenReaders: '7 R Q Z', expiresIn: '14:32', retrying: '<reason>' }
    for (const [names = '', defaults = ''] of tableRows('label')) {
      const labels = ticked(names).map((name) => name.replace(/\(.*\)$/, '')) as (keyof PlexLoginLabels)[]
      const values = ticked(defaults)
      listed.push(...labels)
      labels.forEach((label, index) => {
        if (label === 'describeError') return // "the error's English `message`"
        const value = values[labels.length === values.length ? index : 0]
        const english = defaultPlexLoginLabels[label]
        expect(typeof english === 'function' ? english(sample[label] ?? '') : english, label).toBe(value)
      })
    }
    expect(listed.sort()).toEqual(Object.keys(defaultPlexLoginLabels).sort())
  })

  it('"Styling and theming": every --plex-login-* property the stylesheet reads, with its light and dark default', () => {
    const privateValue = (name: string, dark: boolean) => {
      const block = dark ? (css.match(/\[data-color-scheme='dark'\] \{([^}]*)\}/)?.[1] ?? '') : (css.match(/^\[data-plex-login='styled'\] \{([^}]*)\}/m)?.[1] ?? '')
      return block.match(new RegExp(`--_${name}:\\s*([^;]+);`))?.[1]?.trim()
    }
    const listed: string[] = []
    for (const [property = '', defaults = ''] of tableRows('property')) {
      const [name = ''] = ticked(property)
      listed.push(name)
      const [light = '', dark = light] = ticked(defaults)
      const fallbacks = [...css.matchAll(new RegExp(`var\\(${name}, ((?:[^()]|\\([^()]*\\))+)\\)`, 'g'))].map((match) => match[1]?.trim() ?? '')
      expect(fallbacks.length, name).toBeGreaterThan(0)
      expect(new Set(fallbacks).size, `${name} has one default`).toBe(1)
      const fallback = fallbacks[0] ?? ''
      const scheme = fallback.match(/^var\(--_([a-z-]+)\)$/)?.[1]
      if (scheme) {
        expect([privateValue(scheme, false), privateValue(scheme, true)], name).toEqual([light, dark])
      } else {
        expect(light, name).toBe(dark)
        expect(fallback.startsWith(light.replace(/, …$/, '')), `${name}: ${fallback}`).toBe(true)
      }
    }
    const read = new Set([...css.matchAll(/var\((--plex-login-[a-z-]+)/g)].map((match) => match[1] ?? ''))
    expect(listed.sort()).toEqual([...read].sort())
  })

  it('"Styling and theming": every data-part the widget renders is named', () => {
    const source = ['src/components/PlexLogin.tsx', 'src/components/PlexLoginCountdown.tsx'].map((file) => readFileSync(file, 'utf8')).join('\n')
    const rendered = new Set([...source.matchAll(/data-part="([a-z-]+)"/g)].map((match) => match[1] ?? ''))
    rendered.add('retry').add('renew') // data-part={action}
    const named = new Set((readme.match(/\[data-part="([a-z|-]+)"\]/g) ?? []).flatMap((selector) => selector.slice(12, -2).split('|')))
    expect([...rendered].filter((part) => !named.has(part))).toEqual([])
    expect([...named].filter((part) => !rendered.has(part))).toEqual([])
  })
})
