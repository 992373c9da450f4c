import type { Change } from '../changes.js'

/** Renders resolved changes into one platform's configuration lines. */
export type LineRenderer = (changes: readonly Change[]) => string[]

const loaders: Record<'eos' | 'mos', () => Promise<LineRenderer>> = {
  eos: async () => (await import('../../drivers/eos/render-changes.js')).renderChanges,
  mos: async () => (await import('../../drivers/mos/render-mos-changes.js')).renderMosChanges,
}

/**
 * Loads a platform's line renderer by name, importing its dialect module only when first used (as `connect()` loads
 * drivers): the lines a plan shows are the lines the driver sends.
 */
export function loadLineRenderer(platform: 'eos' | 'mos'): Promise<LineRenderer> {
  return loaders[platform]()
}
