import type { BenchArgs } from './args.js';
import type { ReportRow } from './report.js';
import { timePair } from './timing.js';
import type { BenchCase } from './types.js';

const NS_PER_MS = 1e6;

/** Runs one case (setup, timing or measuring, teardown) into a report row; errors become the row's. */
export async function runCase(suite: string, benchCase: BenchCase, args: BenchArgs): Promise<ReportRow> {
  const target = benchCase.target ?? null;
  const base = { suite, name: benchCase.name, target };
  try {
    if (benchCase.kind === 'measure') {
      const value = await benchCase.measure({ quick: args.quick });
      return {
        ...base,
        kind: 'measure',
        baseline: null,
        ratio: null,
        value,
        unit: benchCase.unit,
        meetsTarget: target === null ? null : value <= target,
      };
    }
    const pair = await benchCase.setup({ quick: args.quick });
    try {
      const timed = await timePair(pair, args.runs, args.quick, benchCase.clock);
      return {
        ...base,
        kind: 'time',
        baseline: benchCase.baseline,
        ratio: timed.ratio,
        clock: benchCase.clock ?? 'wall',
        candidateMs: timed.candidateNs / NS_PER_MS,
        baselineMs: timed.baselineNs / NS_PER_MS,
        meetsTarget: target === null ? null : timed.ratio <= target,
      };
    } finally {
      await pair.teardown?.();
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      kind: benchCase.kind,
      baseline: benchCase.kind === 'time' ? benchCase.baseline : null,
      ratio: null,
      meetsTarget: null,
      error: message,
    };
  }
}
