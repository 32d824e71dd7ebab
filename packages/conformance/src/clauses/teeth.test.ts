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

  /**
   * Each broken adapter, the clauses it must fail (`exactly`: those and no other) and clauses it
   * must not fail (it breaks one thing, not everything).
   */
  const mutants: {
    title: string;
    adapter: typeof coreAdapter;
    fails: string[];
    exactly?: boolean;
    notFailing?: string[];
  }[] = [
    {
      title: 'S2.2 plain Dropout (q ignored) fails S2.2, S2.3, S5.2 and S6',
      adapter: broken.ignoresQ,
      fails: ['S2.2', 'S2.3', 'S5.2', 'S6'],
      notFailing: ['S2.1'],
    },
    {
      title: 'S2.1 no 1/(1 - rate) scaling fails S2.1, S2.5 and S5.1',
      adapter: broken.noScaling,
      fails: ['S2.1', 'S2.5', 'S5.1'],
    },
    {
      title: 'S2.3 losing the sign of negative inputs fails S2.3',
      adapter: broken.losesSign,
      fails: ['S2.3'],
    },
    {
      title: 'S3.1 the exact gradient for the reference one fails S3.1, not S3.2',
      adapter: broken.exactForReference,
      fails: ['S3.1'],
      notFailing: ['S3.2'],
    },
    {
      title: 'S5.3 a sampler dropping 45% at rate 0.5 fails S5.3',
      adapter: broken.drops45,
      fails: ['S5.3'],
      notFailing: ['S2.3'],
    },
    {
      title: "S4.2 seeded masks that differ from core's fail S4.2",
      adapter: broken.wrongSeededMasks,
      fails: ['S4.2'],
      notFailing: ['S2.3'],
    },
    { title: 'S2.6 NaN for zero inputs when q < 2 fails S2.6', adapter: broken.nanAtZero, fails: ['S2.6'] },
    {
      title: 'S2.8 an adapter that mutates its input fails S2.8',
      adapter: broken.mutatesInput,
      fails: ['S2.8'],
    },
    {
      title: 'S1.4 errors without an S1.4 code fail S1.1, S1.2 and S1.3',
      adapter: broken.plainErrors,
      fails: ['S1.1', 'S1.2', 'S1.3', 'S1.4'],
      notFailing: ['S2.3'],
    },
    {
      title: 'S4.2 ignoring the step above 2^32 fails S4.2',
      adapter: broken.stepLowWordOnly,
      fails: ['S4.2'],
      notFailing: ['S2.3'],
    },
    {
      title: 'S2.3 leaving the last n mod 4 elements alone fails S2.3 and S3.1',
      adapter: broken.skipsTail,
      fails: ['S2.3', 'S3.1'],
      notFailing: ['S4.2'],
    },
    {
      title: 'S2.5 running q within 1e-3 of 2 as Dropout fails S2.5',
      adapter: broken.nearTwoIsDropout,
      fails: ['S2.5'],
      exactly: true,
    },
    {
      title: 'S2.4 applying the mask at rate 0 fails S2.4',
      adapter: broken.masksAtRateZero,
      fails: ['S2.4'],
      exactly: true,
    },
    {
      title: 'S2.4 applying an explicit mask in inference fails S2.4',
      adapter: broken.masksInInference,
      fails: ['S2.4'],
      exactly: true,
    },
    {
      title: 'S1.3 accepting epsilon below 1e-20 fails S1.3',
      adapter: broken.acceptsTinyEpsilon,
      fails: ['S1.3'],
      exactly: true,
    },
    {
      title: 'S1.3 flooring epsilon at 1e-12 fails S1.3 at the bound',
      adapter: broken.floorsEpsilon,
      fails: ['S1.3'],
      exactly: true,
    },
  ];

  for (const { title, adapter, fails, exactly, notFailing = [] } of mutants) {
    it(title, async () => {
      const failed = await failedClauses(adapter);
      if (exactly) expect(failed).toEqual(fails);
      else expect(failed).toEqual(expect.arrayContaining(fails));
      for (const clause of notFailing) expect(failed).not.toContain(clause);
    });
  }

  it('S4.2 keeping only words strictly above the threshold fails S4.2 and nothing else', async () => {
    const failed = await failedClauses(broken.strictThreshold);
    expect(failed).toEqual(['S4.2']);
    // Only the check built on S4.3's words catches it: the other S4.2 checks draw no word equal to
    // the threshold.
    expect(await failedTitles(broken.strictThreshold)).toEqual([
      'the keep threshold is inclusive: a word equal to floor(r * 2^32) keeps its unit, word + 1 drops it',
    ]);
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
