import { useId } from 'react'
import { PlexLogin, type PlexLoginProps } from '../../src'
import type { SimulatedPlex } from './simulatorStory'
import { plexLoginStates, type PlexLoginState, type PlexLoginStateName } from './states'

export interface StateGalleryProps {
  /** The story's args, shared by every widget (a state's own args win). */
  widget: PlexLoginProps
  /** One simulator per state, by state name. */
  plex: Record<string, SimulatedPlex>
}

/** Every state side by side, each widget on a plex.tv of its own. */
export function StateGallery({ widget, plex }: StateGalleryProps) {
  return (
    <div style={{ display: 'grid', gap: 24, gridTemplateColumns: 'repeat(auto-fill, minmax(380px, 1fr))', alignItems: 'start' }}>
      {(Object.entries(plexLoginStates) as [PlexLoginStateName, PlexLoginState][]).map(([name, state]) => {
        const simulated = plex[name]
        return simulated ? <StatePanel key={name} name={name} state={state} widget={widget} baseUrl={simulated.baseUrl} /> : null
      })}
    </div>
  )
}

function StatePanel({ name, state, widget, baseUrl }: { name: string; state: PlexLoginState; widget: PlexLoginProps; baseUrl: string }) {
  const id = useId()
  return (
    <section aria-labelledby={id} data-scenario={name}>
      <h2 id={id} style={{ margin: '0 0 8px', font: '600 0.95rem system-ui, sans-serif', color: '#424a53' }}>
        {state.title}
      </h2>
      {/* Nine regions on one page need nine names. */}
      <PlexLogin {...widget} {...state.args} baseUrl={baseUrl} aria-label={`Sign in with Plex (${state.title})`} />
    </section>
  )
}
