import { type Seed, SparseoutError } from '@sparseout/core';
import {
  type ResolvedSettings,
  resolveSettings,
  type SeedJSON,
  seedFromJSON,
  seedToJSON,
} from './options.js';

/** How `toJSON` stores the option: the settings, the seed drawn if none was given, and the step reached. */
export interface SparseoutSettingsJSON {
  probability: number;
  q: number;
  epsilon: number;
  gradient: 'reference' | 'exact';
  seed: SeedJSON;
  step: SeedJSON;
}

/** The JSON of validated settings and the step of the next training pattern (S4.4). */
export function settingsToJSON(settings: ResolvedSettings, step: Seed): SparseoutSettingsJSON {
  return {
    probability: settings.probability,
    q: settings.q,
    epsilon: settings.epsilon,
    gradient: settings.gradient,
    seed: seedToJSON(settings.seed),
    step: seedToJSON(step),
  };
}

/** A net's Sparseout option (null for none) and the step of its next training pattern (S4.4). */
export interface SavedSparseout {
  settings: ResolvedSettings | null;
  step: Seed;
}

/**
 * Reads `options.sparseout` of a saved net (S1.4): absent (a plain brain.js net's JSON) gives
 * `current`, the loading net's own option and step, so a Sparseout net fine-tunes a plain net;
 * anything but an object throws SPARSEOUT_INVALID_INPUT; the settings, seed and step are validated
 * again by core.
 */
export function settingsFromJSON(saved: unknown, current: SavedSparseout): SavedSparseout {
  if (saved === undefined) return current;
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) {
    throw new SparseoutError(
      'SPARSEOUT_INVALID_INPUT',
      `options.sparseout must be an object of Sparseout settings, got ${saved === null ? 'null' : typeof saved}`,
    );
  }
  const json = saved as Partial<SparseoutSettingsJSON>;
  const settings = resolveSettings({
    probability: json.probability as number,
    q: json.q as number,
    epsilon: json.epsilon,
    gradient: json.gradient,
    seed: seedFromJSON(json.seed as SeedJSON, 'seed'),
  });
  return { settings, step: seedFromJSON(json.step ?? 0, 'step') };
}
