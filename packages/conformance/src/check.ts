import type { AdapterSupports, SparseoutAdapter } from './adapter.js';

/** What a passing check reports: the requirement and what was measured. */
export interface Evidence {
  expected: string;
  measured: string;
}

/** What a check's body receives. */
export interface CheckContext {
  adapter: SparseoutAdapter;
  backend: string;
  supports: AdapterSupports;
}

/**
 * One conformance check, named by its clause. `applies` returns undefined when the check applies
 * or the reason it does not (taken from the adapter's manifest). `run` returns evidence when the
 * adapter conforms and throws `CheckFailure` (or anything else) when it does not.
 */
export interface Check {
  id: string;
  title: string;
  applies?(context: CheckContext): string | undefined;
  run(context: CheckContext): Promise<Evidence>;
}

/** Thrown by a check body: the adapter does not conform. */
export class CheckFailure extends Error {
  readonly expected: string;
  readonly measured: string;

  constructor(expected: string, measured: string) {
    super(`expected ${expected}, measured ${measured}`);
    this.name = 'CheckFailure';
    this.expected = expected;
    this.measured = measured;
  }
}

/** Throws a CheckFailure unless `condition` holds. */
export function ensure(condition: boolean, expected: string, measured: string): asserts condition {
  if (!condition) throw new CheckFailure(expected, measured);
}

/** Reasons a check does not apply, shared by the clause modules. */
export const needs = {
  explicitMask: ({ supports }: CheckContext) =>
    supports.explicitMask ? undefined : 'supports.explicitMask is false: the adapter takes no explicit mask',
  seededMask: ({ supports }: CheckContext) =>
    supports.seededMask
      ? undefined
      : "supports.seededMask is false: the adapter's masks are not core's Philox stream",
  float64: ({ supports }: CheckContext) =>
    supports.float64 ? undefined : 'supports.float64 is false: the framework computes in float32 only',
  inference: ({ supports }: CheckContext) =>
    supports.inference ? undefined : 'supports.inference is false: the adapter has no inference mode',
  noiseShape: ({ supports }: CheckContext) =>
    supports.noiseShape ? undefined : 'supports.noiseShape is false: the adapter has no noise shapes',
  reference: ({ supports, adapter }: CheckContext) =>
    supports.gradient.reference && adapter.backward
      ? undefined
      : "supports.gradient.reference is false: no 'reference' backward",
  exact: ({ supports, adapter }: CheckContext) =>
    supports.gradient.exact && adapter.backward
      ? undefined
      : "supports.gradient.exact is false: no 'exact' backward",
  anyBackward: ({ supports, adapter }: CheckContext) =>
    (supports.gradient.reference || supports.gradient.exact) && adapter.backward
      ? undefined
      : 'supports.gradient offers no backward mode',
};

/** Combines reasons: the first that applies wins. */
export function all(...reasons: Array<(context: CheckContext) => string | undefined>) {
  return (context: CheckContext) => {
    for (const reason of reasons) {
      const why = reason(context);
      if (why !== undefined) return why;
    }
    return undefined;
  };
}
