import type { TopLevelSpec } from 'vega-lite';

/** One comparison's seed-paired differences with their mean and 95% interval. */
export interface PairedDifferences {
  comparison: string;
  differences: Array<{ seed: number; value: number }>;
  mean: number;
  low: number;
  high: number;
}

/**
 * A vega-lite spec of seed-paired differences: one row per comparison, every seed's difference as a
 * dot, the mean with its 95% interval as a bar, and a rule at zero (no difference). The x scale always
 * includes zero, so the distance from "no effect" is drawn to scale, never on a truncated axis.
 */
export function pairedDifferencesPlot(
  rows: PairedDifferences[],
  options: { title: string; subtitle?: string; xTitle: string; width?: number },
): TopLevelSpec {
  const y = {
    field: 'comparison',
    type: 'nominal' as const,
    title: null,
    sort: rows.map((r) => r.comparison),
    axis: { labelLimit: 360 },
  };
  const x = (field: string) => ({
    field,
    type: 'quantitative' as const,
    title: options.xTitle,
    scale: { zero: true, nice: true },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: options.title, subtitle: options.subtitle ?? '', anchor: 'start' },
    width: options.width ?? 460,
    height: { step: 46 },
    layer: [
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: 'gray', strokeDash: [4, 4] },
        encoding: { x: { field: 'zero', type: 'quantitative' } },
      },
      {
        data: {
          values: rows.flatMap((r) => r.differences.map((d) => ({ comparison: r.comparison, ...d }))),
        },
        mark: { type: 'point', opacity: 0.55, size: 36, yOffset: -7, color: '#4c78a8' },
        encoding: { y, x: x('value'), tooltip: [{ field: 'seed' }, { field: 'value' }] },
      },
      {
        data: { values: rows.map(({ comparison, mean, low, high }) => ({ comparison, mean, low, high })) },
        layer: [
          {
            mark: { type: 'rule', strokeWidth: 2.5, color: 'black', yOffset: 7 },
            encoding: { y, x: x('low'), x2: { field: 'high' } },
          },
          {
            mark: { type: 'point', filled: true, size: 70, color: 'black', yOffset: 7 },
            encoding: { y, x: x('mean') },
          },
        ],
      },
    ],
  } as TopLevelSpec;
}
