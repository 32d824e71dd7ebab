import * as tf from '@tensorflow/tfjs-core';
import type { Progress } from '../../report/progress.js';
import { useBackend } from '../../tf/backend.js';
import { yieldToEventLoop } from '../../tf/train.js';
import type { Arm, CostBudget } from './budget.js';
import { type CostRow, costRow } from './rows.js';
import { timeBatches } from './timing.js';
import { fixedBatch, type Workload } from './workloads.js';

/**
 * Every arm on every workload on the wasm backend: `budget.rounds` rounds of
 * `budget.batchesPerRound` batches per arm (one untimed warm-up batch in the first round). One row
 * per workload and arm, in the order of `work`, then of `arms`.
 */
export async function timeArmsOnWasm(
  work: Workload[],
  arms: Arm[],
  budget: CostBudget,
  bar: Progress,
): Promise<CostRow[]> {
  const rows: CostRow[] = [];
  await useBackend('wasm');
  for (const w of work) {
    const batch = fixedBatch(w);
    const models = arms.map((arm) => w.build(arm.noise));
    const samples = arms.map(() => [] as number[]);
    for (let round = 0; round < budget.rounds; round++) {
      // Interleave the arms, in a rotating order, so load from other processes hits all alike.
      for (let k = 0; k < arms.length; k++) {
        const a = (k + round) % arms.length;
        samples[a].push(
          ...(await timeBatches(models[a], batch, round === 0 ? 1 : 0, budget.batchesPerRound)),
        );
        bar.tick(`wasm ${w.model}, ${arms[a].label}`);
        await yieldToEventLoop();
      }
    }
    arms.forEach((arm, a) => {
      rows.push(costRow(w, 'wasm', arm.label, samples[a]));
    });
    for (const m of models) m.dispose();
    tf.dispose([batch.x, batch.y]);
  }
  return rows;
}
