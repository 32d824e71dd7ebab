import { loadavg } from 'node:os';
import type { Experiment, ExperimentContext, ExperimentReport } from '../types.js';
import { costArms, costBudget } from './cost/budget.js';
import { compareSparseout, ratiosToWasmDropout } from './cost/comparison.js';
import { cpuTimedWorkloads, timeDropoutOnCpu } from './cost/cpu-dropout.js';
import { renderCostFigure } from './cost/figure.js';
import { costTable, costVerdict } from './cost/report.js';
import { timeArmsOnWasm } from './cost/wasm-arms.js';
import { workloads } from './cost/workloads.js';

/**
 * Times every arm on the models of experiments 2-4 (and the small CNN) on wasm, Dropout also on
 * cpu, and compares Sparseout with Dropout on the same backend.
 */
async function run(context: ExperimentContext): Promise<ExperimentReport> {
  const budget = costBudget(context.quick);
  const arms = costArms(budget);
  const [dropout] = arms;
  const loadBefore = loadavg();
  const work = workloads();
  const steps = work.length * budget.rounds * arms.length + cpuTimedWorkloads(work, budget).length;
  const bar = context.progress('cost', steps);
  const measured = [
    ...(await timeArmsOnWasm(work, arms, budget, bar)),
    ...(await timeDropoutOnCpu(work, dropout, budget, bar)),
  ];
  bar.stop();
  const rows = ratiosToWasmDropout(measured, dropout.label);
  const comparison = compareSparseout(rows, dropout.label);
  const epochBatches = Object.fromEntries(work.map((w) => [w.model, w.batchesPerEpoch]));
  const wasmRows = rows.filter((r) => r.backend === 'wasm');
  const figure = await renderCostFigure(wasmRows, epochBatches, context.outDir);
  // 1-, 5- and 15-minute load averages before and after the timings (other processes on the machine).
  const loadAverage = { before: loadBefore, after: loadavg() };
  return {
    table: costTable(rows),
    results: { rows, epochBatches, loadAverage },
    budget,
    figures: [figure],
    verdict: costVerdict(comparison, rows, loadAverage),
  };
}

export const cost: Experiment = {
  name: 'cost',
  title: '5. Cost: training time per epoch, Sparseout vs tf.layers.dropout (same backend)',
  defaultSeeds: 1,
  run,
};
