import { measure } from 'mitata';
import { collectGarbage } from './memory.js';
import type { TimedPair } from './types.js';

/** What one timed row measured: medians in nanoseconds per call and the paired ratio. */
export interface TimedResult {
  /** Median over runs of each run's median time per candidate call, in ns. */
  candidateNs: number;
  /** Median over runs of each run's median time per baseline call, in ns. */
  baselineNs: number;
  /** Median over runs of candidate / baseline within the same run (paired, so load drift cancels). */
  ratio: number;
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
 * Times a pair in one process: a warm-up of both sides, then `runs` interleaved runs
 * (candidate, baseline, candidate, baseline ...), each side measured by mitata; every run's median
 * per call is kept and the medians over runs are reported. `clock` 'cpu' times process CPU time.
 */
export async function timePair(
  pair: TimedPair,
  runs: number,
  quick: boolean,
  clock: 'wall' | 'cpu' = 'wall',
): Promise<TimedResult> {
  const budget = { ...(quick ? QUICK_BUDGET : FULL_BUDGET), ...(clock === 'cpu' ? { now: cpuNow } : {}) };
  for (let i = 0; i < 2; i++) {
    await pair.candidate();
    await pair.baseline();
  }
  const candidate: number[] = [];
  const baseline: number[] = [];
  const ratios: number[] = [];
  for (let run = 0; run < runs; run++) {
    const a = (await measure(pair.candidate, budget)).p50;
    const b = (await measure(pair.baseline, budget)).p50;
    candidate.push(a);
    baseline.push(b);
    ratios.push(a / b);
  }
  return { candidateNs: median(candidate), baselineNs: median(baseline), ratio: median(ratios), runs };
}
