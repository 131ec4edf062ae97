import { ref, type Ref } from 'vue'

/** Options for a select that searches the server as the user types. Answers can arrive out of order on a
 * slow network; only the answer to the latest question is shown, so a late answer to an earlier keystroke
 * never replaces the list under the user's click. */
export function useRemoteSearch<T>(ask: (q: string) => Promise<T[]>, initial: T[] = []) {
  const options = ref(initial) as Ref<T[]>
  const loading = ref(false)
  let latest = 0

  async function search(q: string): Promise<void> {
    const ticket = ++latest
    loading.value = true
    try {
      const found = await ask(q)
      if (ticket === latest) options.value = found
    } finally {
      if (ticket === latest) loading.value = false
    }
  }

  return { options, loading, search }
}
