import { measure } from 'mitata';
import { collectGarbage } from './memory.js';

/** What one timed case measured: medians in nanoseconds per call and the paired ratios. */
export interface TimedResult {
  /** Median over runs of each run's median time per candidate call, in ns. */
  candidateNs: number;
  /** Per baseline, in the order given: its median time per call and the paired ratio. */
  baselines: {
    /** Median over runs of each run's median time per call of this baseline, in ns. */
    ns: number;
    /** Median over runs of candidate / this baseline within the same run (paired: drift cancels). */
    ratio: number;
  }[];
  /** Number of interleaved runs. */
  runs: number;
}

/** Sample budget of one side in one run (mitata options: times in ns). */
interface RunBudget {
  /** A full collection before each measurement (a function), or none (false). */
  gc: false | (() => void);
  min_samples: number;
  max_samples: number;
  min_cpu_time: number;
  batch_samples: number;
  warmup_samples: number;
}

const FULL_BUDGET: RunBudget = {
  gc: collectGarbage,
  min_samples: 5,
  max_samples: 10_000,
  min_cpu_time: 40e6,
  batch_samples: 64,
  warmup_samples: 2,
};
// The smoke test skips the collection before each measurement: with the frameworks' heaps loaded
// it costs more than the measurement itself.
const QUICK_BUDGET: RunBudget = {
  gc: false,
  min_samples: 2,
  max_samples: 1_000,
  min_cpu_time: 1e6,
  batch_samples: 16,
  warmup_samples: 1,
};

/** Minimum warm-up time of each side, in ms (full runs and --quick). */
const WARMUP_MS = 250;
const QUICK_WARMUP_MS = 25;

/** Process CPU time (user + system) in ns: mitata's `now` for rows timed with clock 'cpu'. */
function cpuNow(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) * 1e3;
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Times a candidate against one or more baselines in one process: a warm-up of every side (at
 * least two calls and WARMUP_MS), then `runs` interleaved runs, each measuring every side once with
 * mitata (candidate, baseline 1, baseline 2 ... in even runs, the reverse order in odd runs, so a
 * drift in machine speed during a run weighs on both sides of each ratio alike); every run's median
 * per call is kept and the medians over runs are reported, each ratio paired within its run.
 * `clock` 'cpu' times process CPU time.
 */
export async function timeAgainst(
  candidate: () => unknown,
  baselines: readonly (() => unknown)[],
  runs: number,
  quick: boolean,
  clock: 'wall' | 'cpu' = 'wall',
): Promise<TimedResult> {
  const budget = { ...(quick ? QUICK_BUDGET : FULL_BUDGET), ...(clock === 'cpu' ? { now: cpuNow } : {}) };
  const sides = [candidate, ...baselines];
  // Warm-up: each side at least twice and for at least WARMUP_MS, so a plain-JS side is optimised
  // by V8 before it is measured, as a WebAssembly side is from the start.
  const warmupMs = quick ? QUICK_WARMUP_MS : WARMUP_MS;
  for (const side of sides) {
    const until = performance.now() + warmupMs;
    for (let calls = 0; calls < 2 || performance.now() < until; calls++) await side();
  }
  const perSide: number[][] = sides.map(() => []);
  const ratios: number[][] = baselines.map(() => []);
  for (let run = 0; run < runs; run++) {
    const order = sides.map((_, i) => i);
    if (run % 2 === 1) order.reverse();
    const times: number[] = [];
    for (const i of order) times[i] = (await measure(sides[i], budget)).p50;
    for (const [i, t] of times.entries()) perSide[i].push(t);
    for (let b = 0; b < baselines.length; b++) ratios[b].push(times[0] / times[b + 1]);
  }
  return {
    candidateNs: median(perSide[0]),
    baselines: baselines.map((_, b) => ({ ns: median(perSide[b + 1]), ratio: median(ratios[b]) })),
    runs,
  };
}
