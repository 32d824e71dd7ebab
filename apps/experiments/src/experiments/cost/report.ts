import { formatNumber, type Table } from '../../report/table.js';
import { type ComparedRow, INEXPENSIVE_RATIO, type SparseoutComparison } from './comparison.js';

/** One line per row: the medians per batch and per epoch, the ratio to wasm Dropout, the sample size. */
export function costTable(rows: ComparedRow[]): Table {
  return {
    columns: ['model', 'backend', 'arm', 's / batch (median)', 's / epoch', 'vs wasm dropout', 'timed batches'],
    rows: rows.map((r) => [
      r.model,
      r.backend,
      r.arm,
      formatNumber(r.secondsPerBatch, 3),
      formatNumber(r.secondsPerEpoch, 3),
      `${formatNumber(r.ratioToWasmDropout, 3)}x`,
      String(r.samples),
    ]),
  };
}

/**
 * The claim's verdict: Sparseout's range of ratios to Dropout on wasm, its worst arm, how many
 * within 2%, the cpu backend's Dropout relative to wasm, and the 1-minute load averages around it.
 */
export function costVerdict(
  comparison: SparseoutComparison,
  rows: ComparedRow[],
  loadAverage: { before: number[]; after: number[] },
): string {
  const { held, ratios, worst, withinTwoPercent } = comparison;
  const cpuNotes = rows
    .filter((r) => r.backend === 'cpu')
    .map((r) => `${r.model} ${formatNumber(r.ratioToWasmDropout, 3)}x`)
    .join(', ');
  return (
    `${held ? 'HELD' : 'DID NOT HOLD'}: Sparseout's training time per epoch is ${formatNumber(ratios.min, 3)}x-` +
    `${formatNumber(ratios.max, 3)}x that of tf.layers.dropout on the same backend (wasm), worst ` +
    `${worst.model} ${worst.arm}; ${withinTwoPercent} of the ${comparison.rows.length} Sparseout-vs-Dropout ` +
    `comparisons within 2%; threshold for "inexpensive" here: < ${INEXPENSIVE_RATIO}x. cpu backend, tf.layers.dropout, ` +
    `relative to wasm: ${cpuNotes || 'not measured'}. Load average (1 min) ${loadAverage.before[0].toFixed(1)} before, ` +
    `${loadAverage.after[0].toFixed(1)} after.`
  );
}
