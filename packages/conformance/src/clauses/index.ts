import type { Check } from '../check.js';
import { s1Checks } from './s1-parameters.js';
import { s2Checks } from './s2-forward.js';
import { s3Checks } from './s3-backward.js';
import { s4Checks } from './s4-randomness.js';
import { s5Checks } from './s5-statistics.js';
import { s6Checks } from './s6-theorem.js';
import { s7Checks } from './s7-metrics.js';

/** Every check of the suite, in spec order (S1 to S7). */
export const allChecks: readonly Check[] = [
  ...s1Checks,
  ...s2Checks,
  ...s3Checks,
  ...s4Checks,
  ...s5Checks,
  ...s6Checks,
  ...s7Checks,
];
