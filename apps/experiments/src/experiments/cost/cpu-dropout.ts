import * as tf from '@tensorflow/tfjs-core';
import type { Progress } from '../../report/progress.js';
import { useBackend } from '../../tf/backend.js';
import { yieldToEventLoop } from '../../tf/train.js';
import type { Arm, CostBudget } from './budget.js';
import { type CostRow, costRow } from './rows.js';
import { timeBatches } from './timing.js';
import { fixedBatch, type Workload } from './workloads.js';

/** The workloads the cpu backend times (`budget.cpuTimedBatches` > 0): one progress step each. */
export function cpuTimedWorkloads(work: Workload[], budget: CostBudget): Workload[] {
  return work.filter((w) => budget.cpuTimedBatches[w.model] > 0);
}

/**
 * The Dropout arm on the cpu backend, `budget.cpuTimedBatches` batches per model after one
 * untimed warm-up: how much slower tfjs's plain JavaScript backend is than wasm. Ends on wasm again.
 */
export async function timeDropoutOnCpu(
  work: Workload[],
  dropout: Arm,
  budget: CostBudget,
  bar: Progress,
): Promise<CostRow[]> {
  const rows: CostRow[] = [];
  await useBackend('cpu');
  for (const w of cpuTimedWorkloads(work, budget)) {
    const batch = fixedBatch(w);
    const model = w.build(dropout.noise);
    const seconds = await timeBatches(model, batch, 1, budget.cpuTimedBatches[w.model]);
    bar.tick(`cpu ${w.model}, ${dropout.label}`);
    await yieldToEventLoop();
    rows.push(costRow(w, 'cpu', dropout.label, seconds));
    model.dispose();
    tf.dispose([batch.x, batch.y]);
  }
  await useBackend('wasm');
  return rows;
}
