import type { NoiseSpec } from '../../tf/noise-layer.js';
import type { ModelName } from './workloads.js';

/** The cost experiment's budget: the arms' rate and q, and how many batches each timing takes. */
export function costBudget(quick: boolean) {
  return {
    rate: 0.5,
    sparseoutQs: [1.5, 3],
    rounds: quick ? 1 : 4,
    batchesPerRound: quick ? 1 : 3,
    cpuTimedBatches: {
      'MLP-128': quick ? 2 : 6,
      'MLP-256': 0,
      CNN: quick ? 0 : 2,
      LSTM: quick ? 0 : 2,
    } as Record<ModelName, number>,
  };
}

export type CostBudget = ReturnType<typeof costBudget>;

/** One noise layer under test, with the label its rows carry. */
export interface Arm {
  label: string;
  noise: NoiseSpec;
}

/** tf.layers.dropout first (the reference every ratio divides by), then Sparseout at each q. */
export function costArms(budget: CostBudget): Arm[] {
  return [
    { label: 'tf.layers.dropout', noise: { kind: 'dropout', rate: budget.rate } },
    ...budget.sparseoutQs.map((q) => ({
      label: `sparseout q=${q}`,
      noise: { kind: 'sparseout', rate: budget.rate, q, seed: 1 } as NoiseSpec,
    })),
  ];
}
