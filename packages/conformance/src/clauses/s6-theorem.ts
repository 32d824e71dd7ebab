import { glmExpectedLoss } from '@sparseout/core';
import type { ForwardRequest } from '../adapter.js';
import { callForward, nextStep, SUITE_SEED } from '../calls.js';
import { type Check, ensure } from '../check.js';
import { ensureShapeAndType } from '../compare.js';
import { outcomes } from '../reference.js';
import { FALSE_FAILURE_RATE, hoeffdingBound } from '../sampling.js';
import { fmt, tensor } from '../tensors.js';
import { FLOAT32_RELATIVE } from '../tolerance.js';

const FEATURES = [0.2, -1.5, 3, 0.05];
const WEIGHTS = [1, -0.5, 0.25, 2];
const TARGET = 1;
const ROWS = 2 ** 16;
const PARAMS = { rate: 0.5, q: 1 };

export const s6Checks: Check[] = [
  {
    id: 'S6',
    title: "a linear model's squared loss over the adapter's y matches the L_q closed form",
    async run(context) {
      // One forward call over 2^16 rows of the features a (2^18 elements). Row i gives the loss
      // L_i = (t - w . y_i)^2; E[L] = glmExpectedLoss (S6). Each y_j lies between its kept and its
      // dropped value, so |w . (y - a)| <= M = sum_j |w_j| max(|kept_j - a_j|, |dropped_j - a_j|) and
      // L lies in [0, (|t - w . a| + M)^2]: Hoeffding with delta = 1e-6 bounds the mean loss.
      const a = FEATURES.map(Math.fround);
      const x = tensor(
        Array.from({ length: ROWS * a.length }, (_, i) => a[i % a.length]),
        [ROWS, a.length],
        'float32',
      );
      const request: ForwardRequest = { x, ...PARAMS };
      if (context.supports.seededMask) {
        request.seed = SUITE_SEED;
        request.step = nextStep();
      }
      const result = await callForward(context, request);
      ensureShapeAndType(result?.y, x.shape, 'float32', 'y');
      let total = 0;
      for (let row = 0; row < ROWS; row++) {
        let prediction = 0;
        for (let j = 0; j < a.length; j++) prediction += WEIGHTS[j] * result.y.data[row * a.length + j];
        total += (TARGET - prediction) ** 2;
      }
      const meanLoss = total / ROWS;
      const { kept, dropped } = outcomes(a, PARAMS);
      let spread = 0;
      let linear = 0;
      for (let j = 0; j < a.length; j++) {
        spread += Math.abs(WEIGHTS[j]) * Math.max(Math.abs(kept[j] - a[j]), Math.abs(dropped[j] - a[j]));
        linear += WEIGHTS[j] * a[j];
      }
      const width = (Math.abs(TARGET - linear) + spread) ** 2;
      const closedForm = glmExpectedLoss(a, WEIGHTS, TARGET, PARAMS);
      const bound = hoeffdingBound(ROWS, width, FALSE_FAILURE_RATE) + 4 * FLOAT32_RELATIVE * width;
      const expected = `mean loss ${fmt(closedForm)} +- ${fmt(bound)} (glmExpectedLoss, q ${PARAMS.q}, r ${PARAMS.rate}; 2^16 rows; Hoeffding, false-failure rate 1e-6)`;
      const measured = `mean loss ${fmt(meanLoss)}`;
      ensure(Math.abs(meanLoss - closedForm) <= bound, expected, measured);
      return { expected, measured };
    },
  },
  {
    id: 'S6',
    title: "core's closed form and its Monte Carlo estimate agree",
    applies: () => 'core-level: glmPenalty and glmPenaltyMonteCarlo are tested in @sparseout/core itself',
    async run() {
      return { expected: '', measured: '' };
    },
  },
];
