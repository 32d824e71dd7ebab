import type { BenchArgs } from './args.js';
import type { ReportRow } from './report.js';
import { timeAgainst } from './timing.js';
import type { BenchCase } from './types.js';

const NS_PER_MS = 1e6;

/**
 * Runs one case (setup, timing or measuring, teardown) into report rows: one per baseline of a
 * time case (the candidate timed once per run for all of them), one for a measure case. An error
 * becomes the error of every row of the case.
 */
export async function runCase(suite: string, benchCase: BenchCase, args: BenchArgs): Promise<ReportRow[]> {
  const baselines =
    benchCase.kind === 'time'
      ? [{ name: benchCase.baseline, target: benchCase.target }, ...(benchCase.moreBaselines ?? [])]
      : [{ name: null, target: benchCase.target }];
  const failed = (error: unknown): ReportRow[] => {
    const message = error instanceof Error ? error.message : String(error);
    return baselines.map((b) => ({
      suite,
      name: benchCase.name,
      kind: benchCase.kind,
      baseline: b.name,
      target: b.target ?? null,
      ratio: null,
      meetsTarget: null,
      error: message,
    }));
  };
  try {
    if (benchCase.kind === 'measure') {
      const target = benchCase.target ?? null;
      const value = await benchCase.measure({ quick: args.quick });
      return [
        {
          suite,
          name: benchCase.name,
          kind: 'measure',
          baseline: null,
          target,
          ratio: null,
          value,
          unit: benchCase.unit,
          meetsTarget: target === null ? null : value <= target,
        },
      ];
    }
    const pair = await benchCase.setup({ quick: args.quick });
    try {
      const more = pair.moreBaselines ?? [];
      if (more.length !== (benchCase.moreBaselines ?? []).length) {
        throw new Error(
          `setup returned ${more.length} moreBaselines for ${(benchCase.moreBaselines ?? []).length} declared`,
        );
      }
      const timed = await timeAgainst(
        pair.candidate,
        [pair.baseline, ...more],
        args.runs,
        args.quick,
        benchCase.clock,
      );
      const perElement = (ns: number) => (pair.elements === undefined ? undefined : ns / pair.elements);
      return baselines.map((b, i) => {
        const target = b.target ?? null;
        const { ns, ratio } = timed.baselines[i];
        return {
          suite,
          name: benchCase.name,
          kind: 'time',
          baseline: b.name,
          target,
          ratio,
          clock: benchCase.clock ?? 'wall',
          candidateMs: timed.candidateNs / NS_PER_MS,
          baselineMs: ns / NS_PER_MS,
          candidateNsPerElement: perElement(timed.candidateNs),
          baselineNsPerElement: perElement(ns),
          meetsTarget: target === null ? null : ratio <= target,
        };
      });
    } finally {
      await pair.teardown?.();
    }
  } catch (error) {
    return failed(error);
  }
}
