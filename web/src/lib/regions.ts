// The region tree, fetched once per page load.
import { get } from './api'

export interface RegionNode {
  id: string
  name: string
  level: string | null
  children: RegionNode[]
}

let cached: Promise<RegionNode[]> | null = null

export function regionTree(): Promise<RegionNode[]> {
  if (!cached) cached = get<{ roots: RegionNode[] }>('/region-tree').then((t) => t.roots).catch((e) => {
    cached = null
    throw e
  })
  return cached
}

/** The region's name with its parents, 陕西省 / 西安市 / 雁塔区, from the tree. */
export function regionPath(tree: RegionNode[], id: string): string[] {
  for (const node of tree) {
    if (node.id === id) return [node.name]
    const below = regionPath(node.children, id)
    if (below.length) return [node.name, ...below]
  }
  return []
}

export const DEFAULT_REGION = '610113'
