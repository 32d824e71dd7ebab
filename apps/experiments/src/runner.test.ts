import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPERIMENTS } from './registry.js';
import { runExperiments } from './runner.js';

describe('runner', () => {
  it('registers the five experiments of the issue under distinct names', () => {
    expect(EXPERIMENTS.map((e) => e.name)).toEqual([
      'lq-theorem',
      'sparsity',
      'language',
      'classification',
      'cost',
    ]);
  });

  it('runs experiment 1 quick and writes its JSON, table and figures', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'sparseout-experiments-'));
    try {
      const lq = EXPERIMENTS.filter((e) => e.name === 'lq-theorem');
      await runExperiments(lq, { quick: true, outDir, command: 'pnpm experiments lq-theorem --quick' });
      const record = JSON.parse(await readFile(join(outDir, 'lq-theorem.json'), 'utf8'));
      expect(record.command).toBe('pnpm experiments lq-theorem --quick');
      expect(record.machine.cores).toBeGreaterThan(0);
      expect(record.results.rows).toHaveLength(18);
      expect(record.figures).toEqual([{ svg: 'lq-theorem.svg', png: 'lq-theorem.png' }]);
      expect((await readFile(join(outDir, 'lq-theorem.png'))).length).toBeGreaterThan(5_000);
      expect(await readFile(join(outDir, 'lq-theorem.table.md'), 'utf8')).toContain('| rate');
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });

  it('runs the claim 4 design quick (2 seeds x 3 arms), checkpoints every run and reports again from the checkpoint alone', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'sparseout-experiments-'));
    try {
      const claim4 = EXPERIMENTS.filter((e) => e.name === 'classification');
      await runExperiments(claim4, {
        quick: true,
        outDir,
        command: 'pnpm experiments classification --quick',
      });
      const checkpoint = JSON.parse(await readFile(join(outDir, 'classification.checkpoint.json'), 'utf8'));
      expect(checkpoint.runs).toHaveLength(6);
      expect(checkpoint.runs.map((r: { seed: number; arm: string }) => `${r.seed} ${r.arm}`)).toEqual([
        '4000 rate 0',
        '4000 Dropout (q=2, rate 0.5)',
        '4000 q=3 (rate 0.5)',
        '4001 rate 0',
        '4001 Dropout (q=2, rate 0.5)',
        '4001 q=3 (rate 0.5)',
      ]);
      const record = JSON.parse(await readFile(join(outDir, 'classification.json'), 'utf8'));
      expect(record.results.analysis.completeSeeds).toEqual([4000, 4001]);
      expect(record.results.analysis.claimComparison.paired.df).toBe(1);
      expect(record.results.runs[0].epochs.length).toBeGreaterThan(0);
      // The report from the checkpoint alone (nothing trained) is the same analysis.
      await runExperiments(claim4, {
        quick: true,
        outDir,
        command: 'pnpm experiments classification --quick --report-only',
        reportOnly: true,
      });
      const again = JSON.parse(await readFile(join(outDir, 'classification.json'), 'utf8'));
      expect(again.reportOnly).toBe(true);
      expect(again.results.analysis).toEqual(record.results.analysis);
      // The full design differs from the quick one: its checkpoint is refused, never mixed.
      await expect(
        runExperiments(claim4, { quick: false, outDir, command: 'report', reportOnly: true }),
      ).rejects.toThrow(/different design/);
      expect((await readFile(join(outDir, 'classification.png'))).length).toBeGreaterThan(5_000);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });
});
