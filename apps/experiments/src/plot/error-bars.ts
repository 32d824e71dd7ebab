import type { TopLevelSpec } from 'vega-lite';

/** One point of a mean-with-spread plot. */
export interface SpreadPoint {
  x: number;
  mean: number;
  low: number;
  high: number;
  series?: string;
}

/** Options of a line plot with error bars. */
export interface ErrorBarPlotOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  /**
   * Zero-based y scale (the default), so differences are drawn to scale; false fits the scale to the
   * data, for quantities whose zero is meaningless (the title should then say the axis is cut).
   */
  zeroY?: boolean;
  /** Mark x = value with a dashed rule (e.g. q = 2, where Sparseout is Dropout). */
  ruleAtX?: number;
  width?: number;
  height?: number;
}

/** A vega-lite spec: mean as a line with points, low..high as error bars, one colour per series. */
export function errorBarPlot(points: SpreadPoint[], options: ErrorBarPlotOptions): TopLevelSpec {
  const values = points.map((p) => ({ ...p, series: p.series ?? '' }));
  const hasSeries = values.some((p) => p.series !== '');
  const color = hasSeries ? { color: { field: 'series', type: 'nominal' as const, title: null } } : {};
  const x = { field: 'x', type: 'quantitative' as const, title: options.xTitle };
  const layers: unknown[] = [];
  if (options.ruleAtX !== undefined) {
    // Drawn first, beneath the data, so the reference line never hides the error bar at its own x.
    layers.push({
      data: { values: [{ x: options.ruleAtX }] },
      mark: { type: 'rule', strokeDash: [4, 4], color: '#bbbbbb' },
      encoding: { x: { field: 'x', type: 'quantitative' } },
    });
  }
  layers.push(
    {
      mark: { type: 'line', point: true },
      encoding: {
        x,
        y: {
          field: 'mean',
          type: 'quantitative',
          title: options.yTitle,
          scale: { zero: options.zeroY ?? true },
        },
        ...color,
      },
    },
    {
      mark: { type: 'errorbar', ticks: true },
      encoding: {
        x,
        y: { field: 'low', type: 'quantitative', title: options.yTitle },
        y2: { field: 'high' },
        ...color,
      },
    },
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: options.width ?? 420,
    height: options.height ?? 260,
    data: { values },
    layer: layers,
  } as TopLevelSpec;
}
