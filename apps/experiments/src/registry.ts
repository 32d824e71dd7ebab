import { classification } from './experiments/classification.js';
import { cost } from './experiments/cost.js';
import { language } from './experiments/language.js';
import { lqTheorem } from './experiments/lq-theorem.js';
import { sparsity } from './experiments/sparsity.js';
import type { Experiment } from './types.js';

/** Every experiment, in the order of the issue and the write-up. */
export const EXPERIMENTS: Experiment[] = [lqTheorem, sparsity, language, classification, cost];
