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
});
