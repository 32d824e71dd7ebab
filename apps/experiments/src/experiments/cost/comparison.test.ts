import { describe, expect, it } from 'vitest';
import { compareSparseout, ratiosToWasmDropout } from './comparison.js';
import { costVerdict } from './report.js';
import type { CostRow } from './rows.js';
import { median } from './timing.js';

const DROPOUT = 'tf.layers.dropout';

/** A row with one timed batch of `seconds`. */
const row = (
  model: CostRow['model'],
  backend: CostRow['backend'],
  arm: string,
  seconds: number,
): CostRow => ({
  model,
  backend,
  arm,
  secondsPerBatch: seconds,
  secondsPerEpoch: seconds * 10,
  samples: 1,
  seconds: [seconds],
});

describe('experiment 5: cost comparison', () => {
  it('median of odd and even counts, unsorted input left as it was', () => {
    const values = [3, 1, 2];
    expect(median(values)).toBe(2);
    expect(values).toEqual([3, 1, 2]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("divides every row by its own model's wasm Dropout row, cpu rows included; NaN without one", () => {
    const rows = ratiosToWasmDropout(
      [
        row('MLP-128', 'wasm', DROPOUT, 0.25),
        row('MLP-128', 'wasm', 'sparseout q=3', 0.375),
        row('CNN', 'wasm', DROPOUT, 1),
        row('CNN', 'wasm', 'sparseout q=3', 0.5),
        row('MLP-128', 'cpu', DROPOUT, 1),
        row('LSTM', 'wasm', 'sparseout q=3', 1),
      ],
      DROPOUT,
    );
    expect(rows.map((r) => r.ratioToWasmDropout)).toEqual([1, 1.5, 1, 0.5, 4, Number.NaN]);
  });

  it('compares only Sparseout on wasm: the worst ratio decides, below 1.5x holds, within 2% counted', () => {
    const rows = ratiosToWasmDropout(
      [
        row('MLP-128', 'wasm', DROPOUT, 1),
        row('MLP-128', 'wasm', 'sparseout q=1.5', 1.01),
        row('MLP-128', 'wasm', 'sparseout q=3', 1.49),
        row('MLP-128', 'cpu', DROPOUT, 3),
      ],
      DROPOUT,
    );
    const comparison = compareSparseout(rows, DROPOUT);
    expect(comparison.rows.map((r) => r.arm)).toEqual(['sparseout q=1.5', 'sparseout q=3']);
    expect(comparison.worst.arm).toBe('sparseout q=3');
    expect(comparison.held).toBe(true);
    expect(comparison.withinTwoPercent).toBe(1);
    const verdict = costVerdict(comparison, rows, { before: [1.25, 0, 0], after: [2, 0, 0] });
    expect(verdict).toMatch(/^HELD: .* 1\.01x-1\.49x .* worst MLP-128 sparseout q=3; 1 of the 2 /);
    expect(verdict).toContain('relative to wasm: MLP-128 3.00x. Load average (1 min) 1.3 before, 2.0 after.');
    const slower = compareSparseout(
      ratiosToWasmDropout(
        [row('CNN', 'wasm', DROPOUT, 1), row('CNN', 'wasm', 'sparseout q=3', 1.5)],
        DROPOUT,
      ),
      DROPOUT,
    );
    expect(slower.held).toBe(false);
    expect(costVerdict(slower, slower.rows, { before: [0], after: [0] })).toMatch(
      /^DID NOT HOLD: .*relative to wasm: not measured\./,
    );
  });
});
