import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExperimentContext } from '../types.js';
import { analyseDesign } from './analyse.js';
import type { PairedArm, PairedDesign } from './design.js';
import { type ArmResult, runPairedDesign } from './run-design.js';

const design: PairedDesign = {
  claim: 'probe',
  arms: [
    { role: 'control', label: 'rate 0', rate: 0, q: 2 },
    { role: 'dropout', label: 'Dropout', rate: 0.5, q: 2 },
    { role: 'claimed', label: 'q=3', rate: 0.5, q: 3 },
  ],
  seeds: [10, 11, 12, 13],
  outcome: { name: 'accuracy', direction: 'max', scale: 100, unit: 'points' },
  maxEpochs: 1,
  patience: 1,
};

/** A deterministic score per arm and seed: Dropout beats rate 0 by 2 points, q=3 beats Dropout by 0.5 ± 0.1. */
function score(arm: PairedArm, seed: number): number {
  const base = 0.9 + 0.001 * seed;
  if (arm.role === 'control') return base - 0.02;
  if (arm.role === 'dropout') return base;
  return base + 0.005 + (seed % 2 === 0 ? 0.001 : -0.001);
}

const result = (arm: PairedArm, seed: number): ArmResult => ({
  bestEpoch: 0,
  validationAtBest: score(arm, seed),
  testAtBest: score(arm, seed),
  epochs: [],
  wallSeconds: 0,
  cpuSeconds: 0,
});

describe('running a paired design with checkpoints', () => {
  let outDir: string;
  let context: ExperimentContext;
  beforeEach(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'sparseout-paired-'));
    context = {
      quick: true,
      seeds: 4,
      outDir,
      reportOnly: false,
      fresh: false,
      command: 'test',
      log: () => {},
      progress: () => ({ tick: () => {}, stop: () => {} }),
    };
  });
  afterEach(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('runs seed by seed, and an interrupted design resumes at the next unfinished run', async () => {
    const path = join(outDir, 'probe.checkpoint.json');
    const order: string[] = [];
    const interrupted = runPairedDesign(context, 'probe', design, path, async () => ({
      stepsPerRun: 1,
      run: async (arm, seed) => {
        if (order.length === 5) throw new Error('interrupted');
        order.push(`${seed} ${arm.label}`);
        return result(arm, seed);
      },
    }));
    await expect(interrupted).rejects.toThrow('interrupted');
    expect(order).toEqual(['10 rate 0', '10 Dropout', '10 q=3', '11 rate 0', '11 Dropout']);

    const partial = await runPairedDesign(
      { ...context, reportOnly: true },
      'probe',
      design,
      path,
      async () => {
        throw new Error('report only must not prepare training');
      },
    );
    expect(partial).toHaveLength(5);
    expect(analyseDesign(design, partial).verdict).toBe('incomplete: 1 of 4 seeds');

    const resumed: string[] = [];
    const runs = await runPairedDesign(context, 'probe', design, path, async () => ({
      stepsPerRun: 1,
      run: async (arm, seed) => {
        resumed.push(`${seed} ${arm.label}`);
        return result(arm, seed);
      },
    }));
    expect(resumed[0]).toBe('11 q=3');
    expect(resumed).toHaveLength(7);
    expect(runs).toHaveLength(12);
    expect(runs.every((r) => r.revision === null || typeof r.revision.commit === 'string')).toBe(true);

    const analysis = analyseDesign(design, runs);
    expect(analysis.completeSeeds).toEqual([10, 11, 12, 13]);
    expect(analysis.gate?.paired.mean).toBeCloseTo(2, 10);
    expect(analysis.claimComparison?.paired.mean).toBeCloseTo(0.5, 10);
    expect(analysis.verdict).toBe('HELD');
  });

  it('for a lower-is-better outcome, differences are baseline minus claimed arm', () => {
    const perplexity: PairedDesign = {
      ...design,
      outcome: { name: 'perplexity', direction: 'min', scale: 1, unit: 'ppl' },
    };
    const runs = design.seeds.flatMap((seed) =>
      design.arms.map((arm) => ({
        arm: arm.label,
        seed,
        rate: arm.rate,
        q: arm.q,
        ...result(arm, seed),
        // Perplexities: rate 0 worst, q=3 best.
        testAtBest: 10 - 100 * score(arm, seed) * 0.01,
        finishedAt: '',
        revision: null,
      })),
    );
    const analysis = analyseDesign(perplexity, runs);
    expect(analysis.gate?.paired.mean).toBeCloseTo(0.02, 10);
    expect(analysis.claimComparison?.paired.mean).toBeCloseTo(0.005, 10);
    expect(analysis.verdict).toBe('HELD');
  });
});
