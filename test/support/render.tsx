import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import { StrictMode, type ReactElement } from 'react'

/** A fresh QueryClient as an app would make it (retry off, as TanStack's own tests do). */
export function newQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false } } })
}

export function renderWithClient(ui: ReactElement, { strict = false, client = newQueryClient() } = {}) {
  // StrictMode goes outermost, as apps put it: React 19 double-invokes effects only when the
  // StrictMode boundary is at the root.
  const wrap = (node: ReactElement) => {
    const tree = <QueryClientProvider client={client}>{node}</QueryClientProvider>
    return strict ? <StrictMode>{tree}</StrictMode> : tree
  }
  const result = render(wrap(ui))
  return { ...result, client, rerender: (next: ReactElement) => result.rerender(wrap(next)) }
}

/** The element that shows the code, if any. */
export function codeElement(container: HTMLElement) {
  return container.querySelector<HTMLElement>('[data-part="code"]')
}

export function stateOf(container: HTMLElement) {
  return container.querySelector<HTMLElement>('[data-plex-login]')?.dataset.state
}
