import { join } from 'node:path';
import { type RenderedPlot, renderPlot } from '../../plot/render.js';
import type { ComparedRow } from './comparison.js';

/**
 * Training time per epoch on wasm: every timed batch as a tick (seconds per epoch at that batch's
 * speed), the median as a bar, on a zero-based scale per model, so the spread of single timings is
 * visible beside the medians. Written to `<outDir>/cost.svg` and `.png`.
 */
export function renderCostFigure(
  wasmRows: ComparedRow[],
  epochBatches: Record<string, number>,
  outDir: string,
): Promise<RenderedPlot> {
  return renderPlot(
    {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: 'Training time per epoch, wasm backend: every timed batch (ticks) and the median (bar)',
      facet: { column: { field: 'model', type: 'nominal', title: null } },
      data: {
        values: wasmRows.flatMap((r) =>
          r.seconds.map((sec) => ({
            model: r.model,
            arm: r.arm,
            secondsPerEpoch: sec * epochBatches[r.model],
            median: r.secondsPerEpoch,
          })),
        ),
      },
      spec: {
        width: 110,
        height: 220,
        layer: [
          {
            mark: { type: 'bar', opacity: 0.35 },
            encoding: {
              x: { field: 'arm', type: 'nominal', title: null, sort: null, axis: { labelAngle: -40 } },
              y: {
                aggregate: 'min',
                field: 'median',
                type: 'quantitative',
                title: 'seconds per epoch',
                scale: { zero: true },
              },
              color: { field: 'arm', type: 'nominal', legend: null },
            },
          },
          {
            mark: { type: 'tick', thickness: 1.5, opacity: 0.8, color: 'black' },
            encoding: {
              x: { field: 'arm', type: 'nominal', title: null, sort: null },
              y: { field: 'secondsPerEpoch', type: 'quantitative' },
            },
          },
        ],
      },
      resolve: { scale: { y: 'independent' } },
    } as Parameters<typeof renderPlot>[0],
    join(outDir, 'cost'),
  );
}
