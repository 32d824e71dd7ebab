import type { BackendName } from '../../tf/backend.js';
import { median } from './timing.js';
import type { ModelName, Workload } from './workloads.js';

/** One arm of one model on one backend: its timed batches and what they come to per epoch. */
export interface CostRow {
  model: ModelName;
  backend: BackendName;
  arm: string;
  /** Median seconds per training batch over all timed batches. */
  secondsPerBatch: number;
  /** secondsPerBatch times the batches of one epoch of the model's experiment. */
  secondsPerEpoch: number;
  samples: number;
  /** Every timed batch, in seconds, in the order measured. */
  seconds: number[];
}

/** The row of `seconds`, timed batches of workload `w` with arm `arm` on `backend`. */
export function costRow(w: Workload, backend: BackendName, arm: string, seconds: number[]): CostRow {
  const secondsPerBatch = median(seconds);
  return {
    model: w.model,
    backend,
    arm,
    secondsPerBatch,
    secondsPerEpoch: secondsPerBatch * w.batchesPerEpoch,
    samples: seconds.length,
    seconds,
  };
}
