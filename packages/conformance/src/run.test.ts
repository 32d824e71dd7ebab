import { describe, expect, it } from 'vitest';
import { coreAdapter } from './core-adapter.js';
import { runConformance } from './run.js';

describe('runConformance', () => {
  it('reports a check that does not apply as not applicable with its reason, never as passed', async () => {
    const adapter = { ...coreAdapter, supports: { ...coreAdapter.supports, float64: false } };
    const result = await runConformance(adapter, { backend: 'js', only: ['S2.3'] });
    const float64 = result.backends[0].checks.find((c) => c.title.includes('float64'))!;
    expect(float64.status).toBe('not-applicable');
    expect(float64.reason).toContain('supports.float64 is false');
    expect(result.summary).toEqual({ passed: 2, failed: 0, notApplicable: 1 });
  });

  it('counts a throwing setup as failures of that backend', async () => {
    const adapter = {
      ...coreAdapter,
      setup() {
        throw new Error('no such device');
      },
    };
    const result = await runConformance(adapter, { only: ['S2.6'] });
    expect(result.ok).toBe(false);
    expect(result.backends[0].error).toContain('no such device');
    expect(result.backends[0].checks[0].status).toBe('failed');
  });

  it('rejects a backend the adapter does not declare', async () => {
    await expect(runConformance(coreAdapter, { backend: 'webgl' })).rejects.toThrow("backend 'webgl'");
  });
});

describe('runConformance guards', () => {
  it('throws a clear error for an object that breaks the contract', async () => {
    await expect(runConformance({ name: 'x' } as never)).rejects.toThrow(
      /does not meet the contract: .*forward: a function is required/,
    );
  });

  it('fails a check that hangs instead of stalling the run', async () => {
    const adapter = { ...coreAdapter, forward: () => new Promise<never>(() => {}) };
    const result = await runConformance(adapter, { only: ['S2.6'], checkTimeoutMs: 50 });
    expect(result.backends[0].checks[0]).toMatchObject({ status: 'failed', measured: 'no result (hung)' });
  });

  it('fails the backend when setup or teardown hangs, instead of stalling the run', async () => {
    const hang = () => new Promise<never>(() => {});
    // A hung setup fails the backend's checks; a hung teardown comes after them, which passed.
    const cases = [
      { stage: 'setup', checkStatus: 'failed' },
      { stage: 'teardown', checkStatus: 'passed' },
    ] as const;
    for (const { stage, checkStatus } of cases) {
      const result = await runConformance(
        { ...coreAdapter, [stage]: hang },
        { backend: 'js', only: ['S2.6'], checkTimeoutMs: 50 },
      );
      expect(result.ok).toBe(false);
      expect(result.backends[0].error).toBe(`${stage}: no result within 50 ms (hung)`);
      expect(result.backends[0].checks[0].status).toBe(checkStatus);
    }
  }, 5_000);
});
