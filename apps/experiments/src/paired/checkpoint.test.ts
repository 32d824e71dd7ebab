import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Checkpoint, CheckpointMismatchError } from './checkpoint.js';

describe('checkpoint of finished runs', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sparseout-checkpoint-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes every run at once and reopens them for the same design', async () => {
    const path = join(dir, 'nested', 'x.checkpoint.json');
    const first = await Checkpoint.open<{ arm: string; seed: number; score: number }>(path, 'x', {
      epochs: 3,
    });
    await first.add({ arm: 'a', seed: 1, score: 0.5 });
    await first.add({ arm: 'b', seed: 1, score: 0.25 });
    expect(JSON.parse(await readFile(path, 'utf8')).runs).toHaveLength(2);
    expect((await readdir(join(dir, 'nested'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const again = await Checkpoint.open<{ arm: string; seed: number; score: number }>(path, 'x', {
      epochs: 3,
    });
    expect(again.find('b', 1)?.score).toBe(0.25);
    expect(again.find('b', 2)).toBeUndefined();
    await expect(again.add({ arm: 'a', seed: 1, score: 0 })).rejects.toThrow(/already recorded/);
  });

  it('refuses the checkpoint of another design or experiment, and starts over only when fresh', async () => {
    const path = join(dir, 'x.checkpoint.json');
    const first = await Checkpoint.open(path, 'x', { epochs: 3 });
    await first.add({ arm: 'a', seed: 1 });
    await expect(Checkpoint.open(path, 'x', { epochs: 4 })).rejects.toBeInstanceOf(CheckpointMismatchError);
    await expect(Checkpoint.open(path, 'y', { epochs: 3 })).rejects.toBeInstanceOf(CheckpointMismatchError);
    // The refused file is left as it was.
    expect(JSON.parse(await readFile(path, 'utf8')).runs).toHaveLength(1);
    const fresh = await Checkpoint.open(path, 'x', { epochs: 4 }, true);
    expect(fresh.runs).toHaveLength(0);
  });
});
