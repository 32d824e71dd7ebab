import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import { kernelConfigs } from './kernels/register_kernels.js';

/** The suffix of a backend name that means "this tfjs backend, with the composite path forced". */
export const COMPOSITE_SUFFIX = '-composite';

/**
 * Splits a conformance backend name: 'cpu-composite' is tfjs's `cpu` with this package's fused
 * kernels unregistered, so every call takes the composite path that backends without a fused
 * kernel take (S2-S5 held on that path too). Any other name is a tfjs backend as it is.
 */
export function parseBackendName(name: string): { tfjsBackend: string; composite: boolean } {
  const composite = name.endsWith(COMPOSITE_SUFFIX);
  return { tfjsBackend: composite ? name.slice(0, -COMPOSITE_SUFFIX.length) : name, composite };
}

/**
 * Unregisters (`composite` true) or restores (false) this package's fused kernels on one tfjs
 * backend. Restoring registers only what is missing, so it is safe to call repeatedly.
 */
export function forceCompositePath(tfjsBackend: string, composite: boolean): void {
  for (const config of kernelConfigs) {
    if (config.backendName !== tfjsBackend) continue;
    const registered = Boolean(getKernel(config.kernelName, tfjsBackend));
    if (composite && registered) unregisterKernel(config.kernelName, tfjsBackend);
    if (!composite && !registered) registerKernel(config);
  }
}
