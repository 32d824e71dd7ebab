import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One finished (arm, seed) run, as stored in a checkpoint. */
export interface CheckpointRun {
  arm: string;
  seed: number;
}

/** What a checkpoint file holds: the design its runs belong to and the runs finished so far. */
export interface CheckpointFile<Run extends CheckpointRun> {
  experiment: string;
  /** The design (everything but the seed count); a checkpoint of another design is refused. */
  design: unknown;
  runs: Run[];
}

/** Thrown when a checkpoint on disk belongs to another design (nothing is overwritten). */
export class CheckpointMismatchError extends Error {
  constructor(path: string) {
    super(
      `${path} holds runs of a different design; move it away (or use --fresh) to start this design, ` +
        'or restore the design it was written for to resume it',
    );
    this.name = 'CheckpointMismatchError';
  }
}

/**
 * A checkpoint of finished runs, written after every run (to a temporary file, then renamed, so an
 * interruption never leaves half a file), so a stopped experiment resumes where it stopped.
 */
export class Checkpoint<Run extends CheckpointRun> {
  private constructor(
    readonly path: string,
    private readonly file: CheckpointFile<Run>,
  ) {}

  /**
   * Opens `path` for `design`: the runs already there when the designs match (compared as JSON),
   * none when the file is absent or `fresh`; throws CheckpointMismatchError on another design.
   */
  static async open<Run extends CheckpointRun>(
    path: string,
    experiment: string,
    design: unknown,
    fresh = false,
  ): Promise<Checkpoint<Run>> {
    const empty = { experiment, design, runs: [] as Run[] };
    if (fresh || !existsSync(path)) return new Checkpoint(path, empty);
    const stored = JSON.parse(await readFile(path, 'utf8')) as CheckpointFile<Run>;
    if (stored.experiment !== experiment || JSON.stringify(stored.design) !== JSON.stringify(design)) {
      throw new CheckpointMismatchError(path);
    }
    return new Checkpoint(path, { experiment, design, runs: stored.runs });
  }

  /** Every finished run, in the order they finished. */
  get runs(): readonly Run[] {
    return this.file.runs;
  }

  /** The finished run of `arm` and `seed`, if any. */
  find(arm: string, seed: number): Run | undefined {
    return this.file.runs.find((r) => r.arm === arm && r.seed === seed);
  }

  /** Records a finished run and writes the whole file atomically. */
  async add(run: Run): Promise<void> {
    if (this.find(run.arm, run.seed)) throw new Error(`run ${run.arm}, seed ${run.seed} is already recorded`);
    this.file.runs.push(run);
    await this.save();
  }

  async save(): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(this.file, null, 1)}\n`);
    await rename(temporary, this.path);
  }
}
