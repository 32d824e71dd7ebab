import { describe, expect, it } from 'vitest';
import type { SparseoutAdapter } from '../adapter.js';
import { coreAdapter } from '../core-adapter.js';
import { runConformance } from '../run.js';
import * as broken from './broken-adapters.testkit.js';

/** The clauses a run failed. */
async function failedClauses(adapter: typeof coreAdapter): Promise<string[]> {
  const result = await runConformance(adapter);
  expect(result.ok).toBe(false);
  return [
    ...new Set(
      result.backends.flatMap((b) => b.checks.filter((c) => c.status === 'failed').map((c) => c.id)),
    ),
  ];
}

/** The titles of the checks a run failed. */
async function failedTitles(adapter: typeof coreAdapter): Promise<string[]> {
  const result = await runConformance(adapter, { only: ['S4.2'] });
  return [
    ...new Set(
      result.backends.flatMap((b) => b.checks.filter((c) => c.status === 'failed').map((c) => c.title)),
    ),
  ];
}

describe('the suite has teeth: each broken adapter fails on its clause', () => {
  it('the core adapter passes every applicable check', async () => {
    const result = await runConformance(coreAdapter);
    const failed = result.backends.flatMap((b) => b.checks.filter((c) => c.status === 'failed'));
    expect(failed).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.summary.passed).toBeGreaterThan(30);
  });

  it('S2.2 plain Dropout (q ignored) fails S2.2, S2.3, S5.2 and S6', async () => {
    const failed = await failedClauses(broken.ignoresQ);
    expect(failed).toEqual(expect.arrayContaining(['S2.2', 'S2.3', 'S5.2', 'S6']));
    expect(failed).not.toContain('S2.1');
  });

  it('S2.1 no 1/(1 - rate) scaling fails S2.1, S2.5 and S5.1', async () => {
    const failed = await failedClauses(broken.noScaling);
    expect(failed).toEqual(expect.arrayContaining(['S2.1', 'S2.5', 'S5.1']));
  });

  it('S2.3 losing the sign of negative inputs fails S2.3', async () => {
    const failed = await failedClauses(broken.losesSign);
    expect(failed).toContain('S2.3');
  });

  it('S3.1 the exact gradient for the reference one fails S3.1, not S3.2', async () => {
    const failed = await failedClauses(broken.exactForReference);
    expect(failed).toContain('S3.1');
    expect(failed).not.toContain('S3.2');
  });

  it('S5.3 a sampler dropping 45% at rate 0.5 fails S5.3', async () => {
    const failed = await failedClauses(broken.drops45);
    expect(failed).toContain('S5.3');
    expect(failed).not.toContain('S2.3');
  });

  it("S4.2 seeded masks that differ from core's fail S4.2", async () => {
    const failed = await failedClauses(broken.wrongSeededMasks);
    expect(failed).toContain('S4.2');
    expect(failed).not.toContain('S2.3');
  });

  it('S2.6 NaN for zero inputs when q < 2 fails S2.6', async () => {
    const failed = await failedClauses(broken.nanAtZero);
    expect(failed).toContain('S2.6');
  });

  it('S2.8 an adapter that mutates its input fails S2.8', async () => {
    const failed = await failedClauses(broken.mutatesInput);
    expect(failed).toContain('S2.8');
  });

  it('S1.4 errors without an S1.4 code fail S1.1, S1.2 and S1.3', async () => {
    const failed = await failedClauses(broken.plainErrors);
    expect(failed).toEqual(expect.arrayContaining(['S1.1', 'S1.2', 'S1.3', 'S1.4']));
    expect(failed).not.toContain('S2.3');
  });

  it('S4.2 keeping only words strictly above the threshold fails S4.2 and nothing else', async () => {
    const failed = await failedClauses(broken.strictThreshold);
    expect(failed).toEqual(['S4.2']);
    // Only the check built on S4.3's words catches it: the other S4.2 checks draw no word equal to
    // the threshold.
    expect(await failedTitles(broken.strictThreshold)).toEqual([
      'the keep threshold is inclusive: a word equal to floor(r * 2^32) keeps its unit, word + 1 drops it',
    ]);
  });

  it('S4.2 ignoring the step above 2^32 fails S4.2', async () => {
    const failed = await failedClauses(broken.stepLowWordOnly);
    expect(failed).toContain('S4.2');
    expect(failed).not.toContain('S2.3');
  });

  it('S2.3 leaving the last n mod 4 elements alone fails S2.3 and S3.1', async () => {
    const failed = await failedClauses(broken.skipsTail);
    expect(failed).toEqual(expect.arrayContaining(['S2.3', 'S3.1']));
    expect(failed).not.toContain('S4.2');
  });

  it('S2.5 running q within 1e-3 of 2 as Dropout fails S2.5', async () => {
    const failed = await failedClauses(broken.nearTwoIsDropout);
    expect(failed).toEqual(['S2.5']);
  });

  it('S2.4 applying the mask at rate 0 fails S2.4', async () => {
    const failed = await failedClauses(broken.masksAtRateZero);
    expect(failed).toEqual(['S2.4']);
  });

  it('S2.4 applying an explicit mask in inference fails S2.4', async () => {
    const failed = await failedClauses(broken.masksInInference);
    expect(failed).toEqual(['S2.4']);
  });

  it('S1.3 accepting epsilon below 1e-20 fails S1.3', async () => {
    const failed = await failedClauses(broken.acceptsTinyEpsilon);
    expect(failed).toEqual(['S1.3']);
  });

  it('S1.3 flooring epsilon at 1e-12 fails S1.3 at the bound', async () => {
    const failed = await failedClauses(broken.floorsEpsilon);
    expect(failed).toEqual(['S1.3']);
  });
});

describe('no false failures: a correct adapter conforms however it manages its memory', () => {
  it('S4.1 an adapter that reuses its output and mask buffers between calls (a pool) conforms', async () => {
    // Each result is copied into a buffer kept per role, type and length, as hot code reuses its
    // outputs: the suite must read what it needs from a call before the next call overwrites it.
    const pool = new Map<string, Float32Array | Float64Array | Uint8Array>();
    function pooled<T extends Float32Array | Float64Array | Uint8Array>(role: string, from: T): T {
      const key = `${role} ${from.constructor.name} ${from.length}`;
      let buffer = pool.get(key) as T | undefined;
      if (buffer === undefined) {
        buffer = new (from.constructor as new (n: number) => T)(from.length);
        pool.set(key, buffer);
      }
      buffer.set(from);
      return buffer;
    }
    const adapter: SparseoutAdapter = {
      ...coreAdapter,
      name: 'pooled outputs',
      async forward(request) {
        const { y, mask } = await coreAdapter.forward(request);
        const data = pooled('y', y.data);
        return { y: { data, shape: y.shape }, ...(mask ? { mask: pooled('mask', mask) } : {}) };
      },
      async backward(request) {
        const { dx } = await coreAdapter.backward!(request);
        return { dx: { data: pooled('dx', dx.data), shape: dx.shape } };
      },
    };
    const result = await runConformance(adapter);
    const failed = result.backends.flatMap((b) => b.checks.filter((c) => c.status === 'failed'));
    expect(failed).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
