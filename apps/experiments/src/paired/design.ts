import type { EpochRecord } from '../tf/early-stopping.js';
import type { CheckpointRun } from './checkpoint.js';

/** The role of an arm in the pre-registered design (apps/experiments/README.md). */
export type ArmRole = 'control' | 'dropout' | 'claimed';

/** One arm: Sparseout at `rate` and `q` (rate 0 is the no-noise control, q = 2 is Dropout, S2). */
export interface PairedArm {
  role: ArmRole;
  label: string;
  rate: number;
  q: number;
}

/** A pre-registered seed-paired design: arms, seeds and the outcome, fixed before any run. */
export interface PairedDesign {
  claim: string;
  /** control, dropout and claimed arm, in that order (each seed runs them in this order). */
  arms: [PairedArm, PairedArm, PairedArm];
  seeds: number[];
  /** The outcome of a run: its test score at the best validation epoch. */
  outcome: {
    name: string;
    /** 'max' when higher is better (accuracy), 'min' when lower is (perplexity). */
    direction: 'max' | 'min';
    /** Factor from the stored score to the reported unit (100 for accuracy in points). */
    scale: number;
    unit: string;
  };
  maxEpochs: number;
  patience: number;
}

/** One finished (arm, seed) run as stored in the checkpoint and in the experiment's JSON. */
export interface PairedRun extends CheckpointRun {
  rate: number;
  q: number;
  bestEpoch: number;
  validationAtBest: number;
  testAtBest: number;
  epochs: EpochRecord[];
  wallSeconds: number;
  cpuSeconds: number;
  finishedAt: string;
  /** The commit the run was made at, and whether packages/ or apps/ had uncommitted changes. */
  revision: { commit: string; dirty: boolean } | null;
}
