import { describeValue } from '../internal/describeValue.js'
import { warnOnce } from '../internal/warnOnce.js'
import { defaultPlexLoginLabels, type PlexLoginLabels } from './defaultPlexLoginLabels.js'

type LabelFunction = (value: never) => unknown

/** Words to show: a number, or a string that is not blank (an untranslated entry often is). */
const isText = (value: unknown): value is string => (typeof value === 'string' && value.trim() !== '') || typeof value === 'number'

function warn(name: string, problem: string) {
  warnOnce(`labels.${name}`, `labels.${name} ${problem}; using the default words.`)
}

/**
 * The app's `labels` over the defaults. Translations come from files and people, not the type
 * checker: a label of the wrong shape, one that is `undefined` or blank (a button or image would
 * have no name), or a label function that throws or returns no string (JSX, `undefined`, blank
 * text) falls back to the default words, with a development
 * warning, instead of unmounting the widget in the middle of a sign-in.
 */
export function resolveLabels(overrides: Partial<PlexLoginLabels> | null | undefined): PlexLoginLabels {
  if (!overrides) return defaultPlexLoginLabels
  const labels: Record<string, unknown> = { ...defaultPlexLoginLabels }
  for (const [name, given] of Object.entries(overrides) as [keyof PlexLoginLabels, unknown][]) {
    const fallback = defaultPlexLoginLabels[name]
    if (typeof fallback === 'function' && typeof given === 'function') {
      labels[name] = (value: never) => {
        try {
          const text = (given as LabelFunction)(value)
          if (isText(text)) return text
          if (process.env.NODE_ENV !== 'production') warn(name, typeof text === 'string' ? 'returned blank text' : `returned ${describeValue(text)}, not a string`)
        } catch (error) {
          if (process.env.NODE_ENV !== 'production') warn(name, `threw: ${error instanceof Error ? error.message : describeValue(error)}`)
        }
        return (fallback as LabelFunction)(value)
      }
    } else if (typeof fallback === 'string' && isText(given)) {
      labels[name] = given
    } else if (process.env.NODE_ENV !== 'production' && given !== undefined) {
      warn(name, fallback === undefined ? 'is not a label' : typeof given === 'string' && typeof fallback === 'string' ? 'is blank' : `must be a ${typeof fallback}`)
    }
  }
  return labels as unknown as PlexLoginLabels
}
