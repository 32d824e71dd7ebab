import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorBarPlot } from './error-bars.js';
import { renderPlot, specToSvg, svgToPng } from './render.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const spec = errorBarPlot(
  [
    { x: 1, mean: 0.5, low: 0.4, high: 0.6 },
    { x: 2, mean: 0.3, low: 0.25, high: 0.35 },
    { x: 4, mean: 0.1, low: 0.05, high: 0.15 },
  ],
  { title: 'probe title', xTitle: 'q', yTitle: 'Hoyer sparsity', ruleAtX: 2 },
);

describe('plot pipeline: vega-lite -> vega (renderer none) -> SVG -> resvg PNG', () => {
  it('produces an SVG with the title, axis titles and one point per datum', async () => {
    const svg = await specToSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('probe title');
    expect(svg).toContain('Hoyer sparsity');
    const width = Number(/width="(\d+)"/.exec(svg)?.[1]);
    expect(width).toBeGreaterThan(400);
  });

  it('rasterises the SVG to a PNG of twice its size with non-white pixels', async () => {
    const svg = await specToSvg(spec);
    const png = svgToPng(svg, 2);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const svgWidth = Number(/width="(\d+)"/.exec(svg)?.[1]);
    expect(png.readUInt32BE(16)).toBe(svgWidth * 2);
    expect(png.length).toBeGreaterThan(5_000);
  });

  it('writes both files next to each other', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sparseout-plot-'));
    try {
      const paths = await renderPlot(spec, join(dir, 'nested', 'figure'));
      expect((await readFile(paths.svg, 'utf8')).startsWith('<svg')).toBe(true);
      expect((await readFile(paths.png)).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
