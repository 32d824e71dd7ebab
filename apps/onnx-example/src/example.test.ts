import { describe, expect, it } from 'vitest';
import { runExample } from './uncertainty.js';

describe('onnx example', () => {
  it('MC Sparseout gives higher predictive variance on noise than on held-out mnist digits', async () => {
    const result = await runExample({
      trainPerDigit: 150,
      testPerDigit: 20,
      epochs: 2,
      samples: 40,
      q: 1.5,
      rate: 0.3,
    });
    expect(result.digits.accuracy).toBeGreaterThan(0.75);
    expect(result.noise.predictiveVariance).toBeGreaterThan(1.5 * result.digits.predictiveVariance);
    expect(result.noise.meanConfidence).toBeLessThan(result.digits.meanConfidence);
  }, 120_000);
});
