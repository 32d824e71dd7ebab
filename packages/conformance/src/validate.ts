/**
 * Checks that a value meets the adapter contract (./adapter.ts) before a run, naming every
 * missing or malformed member. Returns [] for a valid adapter.
 */
export function validateAdapter(candidate: unknown): string[] {
  if (candidate === null || typeof candidate !== 'object') {
    return [`the adapter must be an object, got ${candidate === null ? 'null' : typeof candidate}`];
  }
  if (typeof (candidate as { then?: unknown }).then === 'function') {
    return [
      'the adapter must be an object, got a Promise: export the adapter object itself (do asynchronous work in setup, or await it at the top level before export default)',
    ];
  }
  const adapter = candidate as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof adapter.name !== 'string' || adapter.name === '')
    problems.push('name: a non-empty string is required');
  if (
    !Array.isArray(adapter.backends) ||
    adapter.backends.length === 0 ||
    !adapter.backends.every((b) => typeof b === 'string' && b !== '')
  ) {
    problems.push('backends: a non-empty array of backend names is required');
  }
  const supports = adapter.supports as Record<string, unknown> | undefined;
  if (supports === null || typeof supports !== 'object') {
    problems.push('supports: the capability manifest is required');
  } else {
    for (const flag of ['explicitMask', 'seededMask', 'noiseShape', 'float64', 'inference']) {
      if (typeof supports[flag] !== 'boolean') problems.push(`supports.${flag}: a boolean is required`);
    }
    const gradient = supports.gradient as Record<string, unknown> | undefined;
    if (gradient === null || typeof gradient !== 'object') {
      problems.push('supports.gradient: { reference: boolean, exact: boolean } is required');
    } else {
      for (const mode of ['reference', 'exact']) {
        if (typeof gradient[mode] !== 'boolean')
          problems.push(`supports.gradient.${mode}: a boolean is required`);
      }
      if (
        (gradient.reference === true || gradient.exact === true) &&
        typeof adapter.backward !== 'function'
      ) {
        problems.push('backward: a function is required when supports.gradient offers a mode');
      }
    }
  }
  if (typeof adapter.forward !== 'function') problems.push('forward: a function is required');
  for (const optional of ['setup', 'teardown', 'backward', 'hoyerSparsity']) {
    if (adapter[optional] !== undefined && typeof adapter[optional] !== 'function') {
      problems.push(`${optional}: must be a function when present`);
    }
  }
  return problems;
}
