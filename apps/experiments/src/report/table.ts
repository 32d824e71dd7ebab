/** A result table: column names and rows of already formatted cells. */
export interface Table {
  columns: string[];
  rows: string[][];
}

/** Formats a table as GitHub markdown, the form printed on the console and pasted into the write-up. */
export function markdownTable(table: Table): string {
  const widths = table.columns.map((column, i) =>
    Math.max(column.length, ...table.rows.map((row) => (row[i] ?? '').length), 3),
  );
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  const rule = `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`;
  return [line(table.columns), rule, ...table.rows.map(line)].join('\n');
}

/** A number with `digits` significant digits, in exponent form when very small or large. */
export function formatNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e6) return value.toExponential(digits - 1);
  return value.toPrecision(digits);
}

/** "mean ± sd" with the given significant digits. */
export function formatMeanSpread(mean: number, spread: number, digits = 3): string {
  return `${formatNumber(mean, digits)} ± ${formatNumber(spread, 2)}`;
}
