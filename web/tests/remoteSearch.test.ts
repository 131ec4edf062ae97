import { describe, expect, it } from 'vitest'
import { useRemoteSearch } from '../src/lib/remoteSearch'

/** A question whose answer the test releases when it chooses. */
function deferred() {
  const pending = new Map<string, (v: string[]) => void>()
  const ask = (q: string) => new Promise<string[]>((resolve) => pending.set(q, resolve))
  return { ask, answer: (q: string, v: string[]) => pending.get(q)!(v) }
}

describe('useRemoteSearch', () => {
  it('shows the answer to the latest question even when an earlier one arrives last', async () => {
    const server = deferred()
    const { options, loading, search } = useRemoteSearch(server.ask, ['初始'])
    const first = search('老王')
    const second = search('老王家常菜')
    server.answer('老王家常菜', ['西安市雁塔区老王家常菜馆'])
    await second
    expect(options.value).toEqual(['西安市雁塔区老王家常菜馆'])
    expect(loading.value).toBe(false)
    server.answer('老王', ['老王烧烤', '老王家常菜馆', '老王五金'])
    await first
    expect(options.value).toEqual(['西安市雁塔区老王家常菜馆'])
    expect(loading.value).toBe(false)
  })

  it('keeps loading until the latest answer is in', async () => {
    const server = deferred()
    const { options, loading, search } = useRemoteSearch(server.ask)
    const first = search('食品')
    const second = search('食品经营')
    server.answer('食品', ['食品生产'])
    await first
    expect(loading.value).toBe(true)
    expect(options.value).toEqual([])
    server.answer('食品经营', ['食品经营许可'])
    await second
    expect(loading.value).toBe(false)
    expect(options.value).toEqual(['食品经营许可'])
  })
})
