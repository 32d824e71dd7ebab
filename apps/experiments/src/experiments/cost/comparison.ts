import { type Summary, summarize } from '../../report/stats.js';
import type { CostRow } from './rows.js';

/** Sparseout counts as inexpensive when every wasm ratio to Dropout is below this. */
export const INEXPENSIVE_RATIO = 1.5;

/** A row with its median time per batch over that of its model's Dropout arm on wasm. */
export interface ComparedRow extends CostRow {
  /** NaN when the model has no wasm Dropout row. */
  ratioToWasmDropout: number;
}

/** Every row divided by the wasm row of its model's Dropout arm (`dropoutLabel`), in the same order. */
export function ratiosToWasmDropout(rows: CostRow[], dropoutLabel: string): ComparedRow[] {
  return rows.map((r) => {
    const base = rows.find((b) => b.model === r.model && b.backend === 'wasm' && b.arm === dropoutLabel);
    const ratio = base ? r.secondsPerBatch / base.secondsPerBatch : Number.NaN;
    return { ...r, ratioToWasmDropout: ratio };
  });
}

/** Sparseout against Dropout on the same backend (wasm), the claim's comparison. */
export interface SparseoutComparison {
  /** The Sparseout rows on wasm (Dropout's own rows are the 1.00x reference, not comparisons). */
  rows: ComparedRow[];
  /** The row with the largest ratio. */
  worst: ComparedRow;
  ratios: Summary;
  /** Every ratio below INEXPENSIVE_RATIO. */
  held: boolean;
  /** How many ratios lie within 2% of 1. */
  withinTwoPercent: number;
}

export function compareSparseout(rows: ComparedRow[], dropoutLabel: string): SparseoutComparison {
  const sparseout = rows.filter((r) => r.backend === 'wasm' && r.arm !== dropoutLabel);
  const worst = sparseout.reduce((a, b) => (b.ratioToWasmDropout > a.ratioToWasmDropout ? b : a));
  return {
    rows: sparseout,
    worst,
    ratios: summarize(sparseout.map((r) => r.ratioToWasmDropout)),
    held: worst.ratioToWasmDropout < INEXPENSIVE_RATIO,
    withinTwoPercent: sparseout.filter((r) => Math.abs(r.ratioToWasmDropout - 1) <= 0.02).length,
  };
}
