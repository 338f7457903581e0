import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { useState } from 'react'

export interface QueryPollProps {
  baseUrl: string
  product: string
  clientIdentifier: string
}

interface PinAnswer {
  id: number
  code: string
}

/**
 * The heap bench's reference: a bare TanStack Query poll of a PIN once a second, with none of
 * this package's code. Whatever memory it holds is below the package (React, TanStack Query,
 * fetch, the browser), so the widget is measured against it.
 */
export function QueryPoll(props: QueryPollProps) {
  const [client] = useState(() => new QueryClient())
  return (
    <QueryClientProvider client={client}>
      <Poll {...props} />
    </QueryClientProvider>
  )
}

function Poll({ baseUrl, product, clientIdentifier }: QueryPollProps) {
  const query = new URLSearchParams({ 'X-Plex-Product': product, 'X-Plex-Client-Identifier': clientIdentifier })
  const request = (path: string, method = 'GET') =>
    fetch(`${baseUrl}${path}?${query}`, { method, headers: { Accept: 'application/json' } }).then((answer) => answer.json() as Promise<PinAnswer>)
  const created = useQuery({ queryKey: ['create'], queryFn: () => request('/api/v2/pins', 'POST'), staleTime: Infinity })
  const id = created.data?.id
  useQuery({ queryKey: ['pin', id], queryFn: () => request(`/api/v2/pins/${id}`), enabled: id !== undefined, refetchInterval: 1000 })
  return <p data-part="code">{created.data?.code}</p>
}
