'use client'

import { Component, type ReactNode } from 'react'
import { reportAppError } from '../internal/callSafely.js'

export interface PlexLoginLayoutBoundaryProps {
  /** Draws the app's layout (the `children` function of `<PlexLogin>`). */
  draw: () => ReactNode
  /** Drawn instead while the app's layout is broken: the built-in one. */
  fallback: ReactNode
  /** A new value (another status, code or connection state) tries the app's layout again. */
  resetKey: unknown
}

interface State {
  failed: boolean
  /** The `resetKey` the state is about (set before the first render). */
  key?: unknown
}

/** Calls `draw` while rendering, so what it throws, or returns that React cannot render, lands here. */
function AppLayout({ draw }: { draw: () => ReactNode }) {
  return draw()
}

/**
 * Keeps a bug in the app's own layout from unmounting the sign-in: what it throws goes to the
 * page's error reporting and the built-in layout shows until the state it broke in is over. The sign-in
 * itself lives above this boundary and goes on either way.
 */
export class PlexLoginLayoutBoundary extends Component<PlexLoginLayoutBoundaryProps, State> {
  override state: State = { failed: false }

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true }
  }

  static getDerivedStateFromProps({ resetKey }: PlexLoginLayoutBoundaryProps, { failed, key }: State): Partial<State> {
    return { key: resetKey, failed: failed && resetKey === key }
  }

  override componentDidCatch(error: unknown): void {
    reportAppError(error)
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : <AppLayout draw={this.props.draw} />
  }
}
