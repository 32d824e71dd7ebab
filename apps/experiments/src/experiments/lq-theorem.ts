import { join } from 'node:path';
import { glmPenalty, glmPenaltyMonteCarlo } from '@sparseout/core';
import { errorBarPlot } from '../plot/error-bars.js';
import { renderPlot } from '../plot/render.js';
import { normal, SeededRandom } from '../random.js';
import { formatNumber } from '../report/table.js';
import type { Experiment, ExperimentContext, ExperimentReport } from '../types.js';

export const LQ_RATES = [0.1, 0.3, 0.5];
export const LQ_QS = [0.5, 1, 1.5, 2, 3, 4];

/** One (rate, q) cell of experiment 1. */
export interface LqRow {
  rate: number;
  q: number;
  closedForm: number;
  monteCarlo: number;
  standardError: number;
  /** (MC - closed form) / closed form. */
  relativeError: number;
  /** standardError / closed form. */
  relativeStandardError: number;
  /** (MC - closed form) / standardError. */
  z: number;
}

/** Budget of experiment 1. */
export interface LqBudget {
  features: number;
  samples: number;
  seed: number;
}

/** The features a and weights w of experiment 1: standard normal draws from the budget's seed. */
export function lqFeatures(budget: LqBudget): { a: number[]; w: number[] } {
  const random = new SeededRandom(budget.seed);
  const a = Array.from({ length: budget.features }, () => normal(random));
  const w = Array.from({ length: budget.features }, () => normal(random));
  return { a, w };
}

/**
 * S6: a linear model over `features` Sparseout-perturbed features a (standard normal) with weights w
 * (standard normal); for every rate and q, core's closed-form penalty against its Monte Carlo estimate.
 */
export function lqTheoremTable(budget: LqBudget, onCell?: (rate: number, q: number) => void): LqRow[] {
  const { a, w } = lqFeatures(budget);
  const rows: LqRow[] = [];
  let cell = 0;
  for (const rate of LQ_RATES) {
    for (const q of LQ_QS) {
      // An independent Monte Carlo stream per cell, so the cells' errors are independent.
      cell++;
      const closedForm = glmPenalty(a, w, { rate, q });
      const mc = glmPenaltyMonteCarlo(a, w, { rate, q, samples: budget.samples, seed: budget.seed + cell });
      rows.push({
        rate,
        q,
        closedForm,
        monteCarlo: mc.estimate,
        standardError: mc.standardError,
        relativeError: (mc.estimate - closedForm) / closedForm,
        relativeStandardError: mc.standardError / closedForm,
        z: (mc.estimate - closedForm) / mc.standardError,
      });
      onCell?.(rate, q);
    }
  }
  return rows;
}

/** |z| above this counts as a disagreement (two-sided normal tail 6e-5 per cell, 1e-3 over 18 cells). */
export const Z_BOUND = 4;

async function run(context: ExperimentContext): Promise<ExperimentReport> {
  const budget: LqBudget = { features: 32, samples: context.quick ? 20_000 : 500_000, seed: 2019 };
  const bar = context.progress('S6 cells', LQ_RATES.length * LQ_QS.length);
  const rows = lqTheoremTable(budget, (rate, q) => bar.tick(`rate ${rate}, q ${q}`));
  bar.stop();
  const figure = await renderPlot(
    errorBarPlot(
      rows.map((r) => ({
        x: r.q,
        mean: 100 * r.relativeError,
        low: 100 * (r.relativeError - 2 * r.relativeStandardError),
        high: 100 * (r.relativeError + 2 * r.relativeStandardError),
        series: `rate ${r.rate}`,
      })),
      {
        title: `S6: Monte Carlo vs closed form (${budget.samples.toLocaleString('en-US')} draws, ±2 SE)`,
        xTitle: 'q',
        yTitle: 'relative error of Monte Carlo (%)',
        ruleAtX: 2,
      },
    ),
    join(context.outDir, 'lq-theorem'),
  );
  const worst = rows.reduce((m, r) => (Math.abs(r.z) > Math.abs(m.z) ? r : m));
  const held = rows.every((r) => Math.abs(r.z) < Z_BOUND);
  const maxRel = Math.max(...rows.map((r) => Math.abs(r.relativeError)));
  return {
    table: {
      columns: ['rate', 'q', 'closed form', 'Monte Carlo', 'MC SE', 'rel. error', 'rel. SE', 'z'],
      rows: rows.map((r) => [
        String(r.rate),
        String(r.q),
        formatNumber(r.closedForm),
        formatNumber(r.monteCarlo),
        formatNumber(r.standardError, 2),
        `${(100 * r.relativeError).toFixed(2)}%`,
        `${(100 * r.relativeStandardError).toFixed(2)}%`,
        r.z.toFixed(2),
      ]),
    },
    results: { rows, zBound: Z_BOUND },
    budget: { ...budget },
    figures: [figure],
    verdict:
      `${held ? 'CODE CHECK PASSED' : 'CODE CHECK FAILED'}: core's closed form and its Monte Carlo sampler ` +
      `${held ? 'agree' : 'do not agree'} in all ` +
      `${rows.length} cells within ${Z_BOUND} standard errors (largest |z| = ${Math.abs(worst.z).toFixed(2)} at ` +
      `rate ${worst.rate}, q ${worst.q}; largest relative error ${(100 * maxRel).toFixed(2)}%). A check of the ` +
      'implementation of S6 for the squared-loss linear model, not a test of the theorem beyond that case.',
  };
}

export const lqTheorem: Experiment = {
  name: 'lq-theorem',
  title: '1. The L_q theorem (S6): a check of the code, closed form vs Monte Carlo',
  defaultSeeds: 1,
  run,
};
