import { DEFAULT_EPSILON } from '@sparseout/core';
import { describe, expect, it } from 'vitest';
import { coreDemonstration, formatDemonstration, measuredVarianceError, sampleActivations } from './demo.js';

const RATE = 0.3;

/**
 * The same standard error from S2.1-S2.3 in float64, written out: a kept unit deviates by
 * x g r / (1 - r), a dropped one by -x g, with g = (|x| + e)^((q - 2) / 2).
 */
function closedFormError(x: Float32Array, rate: number, q: number): number {
  let sum = 0;
  for (const v of x) {
    const g = (Math.abs(v) + DEFAULT_EPSILON) ** ((q - 2) / 2);
    const kept = (v * g * (rate / (1 - rate))) ** 2;
    const dropped = (v * g) ** 2;
    sum += rate * (1 - rate) * (kept - dropped) ** 2;
  }
  return Math.sqrt(sum) / x.length;
}

describe('core demonstration', () => {
  const rows = coreDemonstration(RATE, [1, 2, 3]);

  it("S5.2 Var[y]'s standard error is the closed form over the masks, the activations fixed", () => {
    const x = sampleActivations();
    for (const row of rows) {
      const expected = closedFormError(x, RATE, row.q);
      expect(row.measuredVarianceError).toBeGreaterThan(0);
      // The demonstration's outcomes are float32 (S2.3 on a Float32Array): agreement to 1e-5.
      expect(Math.abs(row.measuredVarianceError - expected) / expected).toBeLessThan(1e-5);
      expect(measuredVarianceError(x, { rate: RATE, q: row.q })).toBe(row.measuredVarianceError);
    }
  });

  it('S5.2 measured Var[y] is within 4 standard errors of the prediction on every row (seeded, so fixed)', () => {
    for (const row of rows) {
      const z = Math.abs(row.measuredVariance - row.predictedVariance) / row.measuredVarianceError;
      expect(
        z,
        `q ${row.q}: measured ${row.measuredVariance}, predicted ${row.predictedVariance}`,
      ).toBeLessThan(4);
    }
  });

  it('prints the standard error beside measured Var[y] and the S6 Monte Carlo estimate', () => {
    const text = formatDemonstration(rows);
    expect(text).toContain('Var[y] measured ± s.e.');
    for (const row of rows) {
      const measured = `${row.measuredVariance.toFixed(4)} ± ${row.measuredVarianceError.toFixed(4)}`;
      const line = text.split('\n').find((l) => l.includes(measured));
      expect(line, `no line shows ${measured}`).toBeDefined();
      expect(line).toContain(row.predictedVariance.toFixed(4));
    }
  });
});
