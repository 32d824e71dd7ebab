import { APP_ROOT } from '../paths.js';
import { gitRevision } from '../report/revision.js';
import type { ExperimentContext } from '../types.js';
import { Checkpoint } from './checkpoint.js';
import type { PairedArm, PairedDesign, PairedRun } from './design.js';

/** What one run of an arm and a seed returns (the rest of PairedRun is filled in here). */
export type ArmResult = Omit<PairedRun, 'arm' | 'seed' | 'rate' | 'q' | 'finishedAt' | 'revision'>;

/** How to run one (arm, seed) of a design. */
export interface PairedRunner {
  /** Progress steps one run takes at most (batches of all epochs). */
  stepsPerRun: number;
  run(arm: PairedArm, seed: number, tick: (task: string) => void): Promise<ArmResult>;
}

/**
 * Runs every (seed, arm) of `design` not yet in the checkpoint at `checkpointPath`, seed by seed
 * (all arms of a seed before the next seed), writing each finished run to the checkpoint at once.
 * With `context.reportOnly` nothing is trained. Returns the runs of the design's seeds found or made.
 */
export async function runPairedDesign(
  context: ExperimentContext,
  name: string,
  design: PairedDesign,
  checkpointPath: string,
  prepare: () => Promise<PairedRunner>,
): Promise<PairedRun[]> {
  // The checkpoint is keyed by the design without its seed list, so more seeds extend a design.
  const { seeds, ...fixed } = design;
  const checkpoint = await Checkpoint.open<PairedRun>(checkpointPath, name, fixed, context.fresh);
  const todo = seeds.flatMap((seed) =>
    design.arms.filter((arm) => !checkpoint.find(arm.label, seed)).map((arm) => ({ arm, seed })),
  );
  const done = seeds.length * design.arms.length - todo.length;
  context.log(
    `${name}: ${done} of ${seeds.length * design.arms.length} runs already in ${checkpointPath}` +
      (context.reportOnly ? ' (report only: nothing trained)' : `, ${todo.length} to run`),
  );
  if (!context.reportOnly && todo.length > 0) {
    const runner = await prepare();
    const revision = gitRevision(APP_ROOT);
    const bar = context.progress(name, todo.length * runner.stepsPerRun);
    try {
      for (const { arm, seed } of todo) {
        let ticks = 0;
        const result = await runner.run(arm, seed, (task) => {
          ticks++;
          bar.tick(`${arm.label}, seed ${seed}, ${task}`);
        });
        // Early stopping ends a run before its budget: count the skipped steps as done.
        if (ticks < runner.stepsPerRun)
          bar.tick(`${arm.label}, seed ${seed}, stopped early`, runner.stepsPerRun - ticks);
        await checkpoint.add({
          arm: arm.label,
          seed,
          rate: arm.rate,
          q: arm.q,
          ...result,
          finishedAt: new Date().toISOString(),
          revision,
        });
        context.log(
          `${name}: ${arm.label}, seed ${seed}: best epoch ${result.bestEpoch + 1}, ` +
            `test ${design.outcome.name} ${(design.outcome.scale * result.testAtBest).toFixed(3)} ` +
            `(${result.cpuSeconds.toFixed(0)} s CPU)`,
        );
      }
    } finally {
      bar.stop();
    }
  }
  const inDesign = new Set(seeds);
  return checkpoint.runs.filter((r) => inDesign.has(r.seed) && design.arms.some((a) => a.label === r.arm));
}
