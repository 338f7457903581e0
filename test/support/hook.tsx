import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { vi } from 'vitest'
import { usePlexPin, type UsePlexPinOptions } from '../../src'
import { newQueryClient } from './render'
import { installFakeClock, startSimulator } from './simulator'

/**
 * `usePlexPin` as an app that draws its own UI mounts it, inside `client`'s provider, against a
 * fresh simulator and fake clock; `renders` is called with the result of each of the caller's
 * renders. Props given to `rerender` are merged over `options`.
 */
export function mountHook(
  options: Partial<UsePlexPinOptions> = {},
  client: QueryClient = newQueryClient(),
  simulatorOptions?: Parameters<typeof startSimulator>[0],
) {
  installFakeClock()
  const sim = startSimulator(simulatorOptions)
  const renders = vi.fn()
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>
  const hook = renderHook(
    (props: Partial<UsePlexPinOptions>) => {
      const result = usePlexPin({ product: 'Test App', ...options, ...props })
      renders(result)
      return result
    },
    { wrapper, initialProps: {} },
  )
  return { sim, client, renders, ...hook }
}
