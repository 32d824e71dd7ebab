import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Fonts the plots ask for, in order; resvg falls back along the list among the system fonts it finds. */
export const PLOT_FONT = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';

const fontConfig = {
  font: PLOT_FONT,
  axis: { labelFont: PLOT_FONT, titleFont: PLOT_FONT },
  legend: { labelFont: PLOT_FONT, titleFont: PLOT_FONT },
  title: { font: PLOT_FONT },
  header: { labelFont: PLOT_FONT, titleFont: PLOT_FONT },
};

/** Renders a vega-lite spec headless (vega View with renderer 'none') to an SVG string. */
export async function specToSvg(spec: TopLevelSpec): Promise<string> {
  const withFonts = { ...spec, config: { ...fontConfig, ...(spec.config ?? {}) } } as TopLevelSpec;
  const vegaSpec = compile(withFonts).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rasterises an SVG to PNG with resvg, at `scale` times its size, on a white background. */
export function svgToPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

/** Paths of a rendered figure. */
export interface RenderedPlot {
  svg: string;
  png: string;
}

/** Renders `spec` to `<basePath>.svg` and `<basePath>.png`, creating the folder if needed. */
export async function renderPlot(spec: TopLevelSpec, basePath: string): Promise<RenderedPlot> {
  const svg = await specToSvg(spec);
  const paths = { svg: `${basePath}.svg`, png: `${basePath}.png` };
  await mkdir(dirname(basePath), { recursive: true });
  await writeFile(paths.svg, svg);
  await writeFile(paths.png, svgToPng(svg));
  return paths;
}
