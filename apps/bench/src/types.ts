/**
 * The benchmark contract. Each file in `src/suites/` default-exports a `BenchSuite`; the harness
 * discovers them, times every case's candidate against its baseline(s) interleaved in one process
 * (A B A B ...) after warm-up, and reports median(candidate) / median(baseline) beside the target,
 * with the time per element of both sides when the case says how many elements a call processes.
 */

import type { ReportRow } from './report.js';

/** The sides of a timed comparison, prepared once per case. */
export interface TimedPair {
  /** What is measured, e.g. the fused Sparseout op. May be async. */
  candidate: () => unknown;
  /** What it is compared to, e.g. tf.dropout on the same backend, or a Float32Array copy. */
  baseline: () => unknown;
  /** The calls of the case's `moreBaselines`, in the same order. */
  moreBaselines?: (() => unknown)[];
  /**
   * Elements one call of each side processes (the tensor's length; for a training step, the
   * activations entering its Sparseout or Dropout layers), for ns per element. Absent: no
   * per-element figure.
   */
  elements?: number;
  /** Frees what setup allocated (tensors, sessions). */
  teardown?: () => unknown;
}

/** A further baseline of a time case: reported as its own row, with the same candidate. */
export interface MoreBaseline {
  /** What the ratio is against, e.g. 'bernoulliMask + sparseoutForward'. */
  name: string;
  /** Target for median(candidate) / median(this baseline); absent for context. */
  target?: number;
}

/** A row: a candidate timed against a baseline. */
export interface TimeCase {
  kind: 'time';
  /** Row name, e.g. 'tfjs cpu: sparseout op, 2^20 f32, rate 0.5, q 1.5'. */
  name: string;
  /** What the ratio is against, e.g. 'tf.dropout (cpu)'. */
  baseline: string;
  /** Target for median(candidate) / median(baseline); absent for context rows. */
  target?: number;
  /**
   * How both sides are timed: 'wall' (default) or 'cpu', the process's user + system CPU time,
   * which leaves out the time other tenants of a shared machine hold the cores. Use 'cpu' only
   * where both sides run on this thread alone (no workers, no thread pools).
   */
  clock?: 'wall' | 'cpu';
  /**
   * Further baselines timed in the same interleaved runs as `baseline` (the candidate is measured
   * once per run for all of them); setup returns their calls in `moreBaselines`, same order.
   */
  moreBaselines?: MoreBaseline[];
  /** Prepares both sides. `quick` asks for smaller inputs or fewer repetitions (smoke test). */
  setup(options: { quick: boolean }): Promise<TimedPair> | TimedPair;
}

/** A row that measures a quantity directly (bytes, tensors), not a time ratio. */
export interface MeasureCase {
  kind: 'measure';
  name: string;
  /** Unit of the value, e.g. 'bytes/call' or 'tensors leaked'. */
  unit: string;
  /** Upper bound the value should stay under; absent for context rows. */
  target?: number;
  measure(options: { quick: boolean }): Promise<number> | number;
}

export type BenchCase = TimeCase | MeasureCase;

/** One file's worth of rows, e.g. core, tfjs, onnxruntime-web, brain.js. */
export interface BenchSuite {
  name: string;
  cases: BenchCase[];
  /**
   * A paragraph printed under the suite's table in docs/benchmarks.md: what bounds its rows (why
   * a target is out of reach, say), in terms of other rows of the same run. A function receives
   * the suite's rows of this run, so the paragraph can quote their figures.
   */
  notes?: string | ((rows: readonly ReportRow[]) => string);
}
