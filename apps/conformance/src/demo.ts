/**
 * A short demonstration of @sparseout/core on a sample of activations, printed by `pnpm start`
 * beside the conformance matrix: for q = 1, 2 and 3 at rate 0.3, the measured drop fraction (S5.3),
 * the measured output variance with its standard error beside S5.2's prediction, and S6's
 * closed-form penalty beside its Monte Carlo estimate. Everything is seeded, so the numbers are the
 * same on every run.
 */
import {
  glmPenalty,
  glmPenaltyMonteCarlo,
  outputVariance,
  sparseout,
  sparseoutForward,
} from '@sparseout/core';

/** One row of the demonstration. */
export interface DemoRow {
  q: number;
  rate: number;
  dropFraction: number;
  measuredVariance: number;
  /** The standard error of measuredVariance over the masks, the activations held fixed. */
  measuredVarianceError: number;
  predictedVariance: number;
  penalty: number;
  monteCarlo: number;
  monteCarloError: number;
}

const SAMPLE_SIZE = 1 << 16;

/** ReLU-like activations: half zeros, half log-normal magnitudes (a fixed, seeded sample). */
export function sampleActivations(n = SAMPLE_SIZE, seed = 2019): Float32Array {
  let state = seed >>> 0;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 2 ** 32;
  };
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const normal = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    x[i] = uniform() < 0.5 ? 0 : Math.exp(normal - 0.5);
  }
  return x;
}

/**
 * The standard error of the measured variance, mean over i of (y_i - x_i)^2, for the activations
 * `x` (held fixed; only the masks are random). Each unit's squared deviation d_i takes one of two
 * values, a_i when kept (probability 1 - r) and b_i when dropped (probability r), so
 * Var[d_i] = r (1 - r) (a_i - b_i)^2; the units' masks are independent (S4.1), so the mean of n of
 * them has standard error sqrt(sum of Var[d_i]) / n. a_i and b_i come from S2.3 with every unit
 * kept and every unit dropped.
 */
export function measuredVarianceError(x: Float32Array, params: { rate: number; q: number }): number {
  const kept = sparseoutForward(x, new Uint8Array(x.length).fill(1), params);
  const dropped = sparseoutForward(x, new Uint8Array(x.length), params);
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const a = (kept[i] - x[i]) ** 2;
    const b = (dropped[i] - x[i]) ** 2;
    sum += params.rate * (1 - params.rate) * (a - b) ** 2;
  }
  return Math.sqrt(sum) / x.length;
}

/** Runs the demonstration and returns its rows. */
export function coreDemonstration(rate = 0.3, qs: number[] = [1, 2, 3]): DemoRow[] {
  const x = sampleActivations();
  const features = Array.from(x.subarray(0, 64));
  const weights = features.map((_, j) => Math.cos(j));
  return qs.map((q) => {
    const { y, mask } = sparseout(x, { rate, q, seed: 7, step: 0 });
    let dropped = 0;
    let squaredDeviation = 0;
    let predicted = 0;
    for (let i = 0; i < x.length; i++) {
      dropped += 1 - mask[i];
      squaredDeviation += (y[i] - x[i]) ** 2;
      predicted += outputVariance(x[i], { rate, q });
    }
    const mc = glmPenaltyMonteCarlo(features, weights, { rate, q, samples: 4000, seed: 11 });
    return {
      q,
      rate,
      dropFraction: dropped / x.length,
      measuredVariance: squaredDeviation / x.length,
      measuredVarianceError: measuredVarianceError(x, { rate, q }),
      predictedVariance: predicted / x.length,
      penalty: glmPenalty(features, weights, { rate, q }),
      monteCarlo: mc.estimate,
      monteCarloError: mc.standardError,
    };
  });
}

/** The rows as a plain-text table. */
export function formatDemonstration(rows: DemoRow[]): string {
  const header = [
    'q',
    'rate',
    'dropped (S5.3)',
    'Var[y] measured ± s.e.',
    'Var[y] S5.2',
    'S6 closed form',
    'S6 Monte Carlo ± s.e.',
  ];
  const body = rows.map((row) => [
    String(row.q),
    String(row.rate),
    row.dropFraction.toFixed(4),
    `${row.measuredVariance.toFixed(4)} ± ${row.measuredVarianceError.toFixed(4)}`,
    row.predictedVariance.toFixed(4),
    row.penalty.toFixed(4),
    `${row.monteCarlo.toFixed(4)} ± ${row.monteCarloError.toFixed(4)}`,
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padStart(widths[c])).join('  ');
  return [
    `Sparseout on ${SAMPLE_SIZE} ReLU-like activations (seeded):`,
    line(header),
    ...body.map(line),
    '± is one standard error of the estimate (Var[y]: over the random masks, the activations fixed);',
    'a measured value within about 3 standard errors of the prediction differs from it by noise alone.',
  ].join('\n');
}
