import * as Plot from '@observablehq/plot';

/** Colours of the page: x and Dropout in grey-blue, y and Sparseout in orange. */
export const COLORS = { x: '#6b8fb3', y: '#e8743b', dropout: '#6b8fb3', sparseout: '#e8743b' } as const;

/** Equal-width histogram counts of `values` over [lo, hi] (values outside are left out). */
export function histogram(values: ArrayLike<number>, lo: number, hi: number, bins: number): number[] {
  const counts = new Array<number>(bins).fill(0);
  const width = (hi - lo) / bins;
  for (let i = 0; i < values.length; i++) {
    const b = Math.floor((values[i] - lo) / width);
    if (b >= 0 && b < bins) counts[b]++;
    else if (values[i] === hi) counts[bins - 1]++;
  }
  return counts;
}

/** Overlaid histograms of x and y over shared bins (densities, so the areas compare). */
export function histogramChart(
  edges: number[],
  series: { name: string; counts: number[]; total: number }[],
): SVGSVGElement | HTMLElement {
  const width = edges[1] - edges[0];
  const rows = series.flatMap(({ name, counts, total }) =>
    counts.map((count, b) => ({ name, x1: edges[b], x2: edges[b + 1], density: count / total / width })),
  );
  return Plot.plot({
    width: 520,
    height: 240,
    x: { label: 'value' },
    y: { label: 'density', grid: true },
    color: { domain: series.map((s) => s.name), range: [COLORS.x, COLORS.y], legend: true },
    marks: [
      Plot.rectY(rows, {
        x1: 'x1',
        x2: 'x2',
        y: 'density',
        fill: 'name',
        fillOpacity: 0.55,
        mixBlendMode: 'multiply',
      }),
      Plot.ruleY([0]),
    ],
  });
}

/** Curves y = f(a) over a grid, one per named series (the S6 penalty, q against Dropout's L2). */
export function curveChart(
  rows: { a: number; value: number; name: string }[],
  labels: { x: string; y: string },
): SVGSVGElement | HTMLElement {
  return Plot.plot({
    width: 520,
    height: 220,
    x: { label: labels.x },
    y: { label: labels.y, grid: true },
    color: { legend: true, range: [COLORS.y, COLORS.x] },
    marks: [Plot.line(rows, { x: 'a', y: 'value', stroke: 'name', strokeWidth: 2 }), Plot.ruleY([0])],
  });
}

/** A metric per epoch for each run, with dots where measurements arrived. */
export function epochChart(
  rows: { epoch: number; value: number; run: string }[],
  label: string,
  domain: [number, number],
): SVGSVGElement | HTMLElement {
  return Plot.plot({
    width: 360,
    height: 220,
    x: { label: 'epoch', domain: [0, Math.max(4, ...rows.map((r) => r.epoch))] },
    y: { label, grid: true, domain },
    color: { legend: true, domain: ['Sparseout', 'Dropout'], range: [COLORS.sparseout, COLORS.dropout] },
    marks: [
      Plot.line(rows, { x: 'epoch', y: 'value', stroke: 'run', z: 'run', strokeWidth: 2 }),
      Plot.dot(rows, { x: 'epoch', y: 'value', fill: 'run' }),
    ],
  });
}

/** Mean class probabilities as bars with a +-1 standard deviation rule on each. */
export function probabilityChart(
  mean: ArrayLike<number>,
  std: ArrayLike<number>,
): SVGSVGElement | HTMLElement {
  const rows = Array.from(mean, (m, k) => ({
    digit: k,
    mean: m,
    lo: Math.max(0, m - std[k]),
    hi: m + std[k],
  }));
  return Plot.plot({
    width: 420,
    height: 240,
    x: { label: 'digit', type: 'band' },
    y: { label: 'MC mean probability (+-1 sd)', domain: [0, 1], grid: true },
    marks: [
      Plot.barY(rows, { x: 'digit', y: 'mean', fill: COLORS.sparseout }),
      Plot.ruleX(rows, { x: 'digit', y1: 'lo', y2: 'hi', stroke: '#222', strokeWidth: 2 }),
      Plot.ruleY([0]),
    ],
  });
}

/** Replaces `host`'s content with `chart`. */
export function show(host: HTMLElement, chart: Element): void {
  host.replaceChildren(chart);
}
