import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { runConformance, type SparseoutAdapter, validateAdapter } from '@sparseout/conformance';
import type { AdapterModule } from './discover.js';
import type { AdapterRun, ProgressSink } from './types.js';

/** Imports an adapter module's default export and checks it against the contract. */
export async function loadAdapter(module: AdapterModule): Promise<SparseoutAdapter> {
  if (!existsSync(module.file)) {
    throw new Error(`${module.file} does not exist: build it first (pnpm turbo run build)`);
  }
  const namespace = (await import(pathToFileURL(module.file).href)) as { default?: unknown };
  const problems = validateAdapter(namespace.default);
  if (problems.length > 0)
    throw new Error(`the default export breaks the adapter contract: ${problems.join('; ')}`);
  return namespace.default as SparseoutAdapter;
}

/** Runs the suite on every backend of an adapter in this Node process. */
export async function runInNode(
  module: AdapterModule,
  progress: ProgressSink,
  only?: readonly string[],
): Promise<AdapterRun> {
  let adapter: SparseoutAdapter;
  try {
    adapter = await loadAdapter(module);
  } catch (error) {
    return { specifier: module.specifier, environment: 'node', notRun: String(error), broken: true };
  }
  let total = 0;
  const result = await runConformance(adapter, {
    environment: { name: 'node' },
    only,
    onProgress(event) {
      if (event.status === undefined && event.index === 0) {
        total = event.total;
        progress.start(`${module.specifier} [${event.backend}, node]`, total);
      }
      if (event.status !== undefined) progress.update(event.index + 1, `${event.id} ${event.status}`);
      if (event.status !== undefined && event.index + 1 === total) progress.stop();
    },
  });
  return { specifier: module.specifier, environment: 'node', result };
}
