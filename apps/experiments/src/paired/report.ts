import { join } from 'node:path';
import { pairedDifferencesPlot } from '../plot/paired-differences.js';
import { type RenderedPlot, renderPlot } from '../plot/render.js';
import { formatMeanSpread, formatNumber, type Table } from '../report/table.js';
import type { ExperimentContext, ExperimentReport } from '../types.js';
import { analyseDesign, type Comparison, type DesignAnalysis } from './analyse.js';
import type { PairedDesign, PairedRun } from './design.js';

const interval = (low: number, high: number, digits: number) =>
  `[${formatNumber(low, digits)}, ${formatNumber(high, digits)}]`;

/** The comparisons table: paired mean difference, 95% interval, t, df, p, and the unpaired interval. */
export function comparisonTable(analysis: DesignAnalysis, unit: string): Table {
  const comparisons = [analysis.gate, analysis.claimComparison, analysis.claimedVsControl].filter(
    (c): c is Comparison => c !== undefined,
  );
  return {
    columns: [
      'comparison (positive = first arm better)',
      `paired mean difference (${unit})`,
      '95% interval (paired)',
      'sd of differences',
      't (df)',
      'p (two-sided)',
      't crit.',
      'unpaired 95% interval (Welch, context)',
      'seeds',
    ],
    rows: comparisons.map((c) => [
      c.name,
      formatNumber(c.paired.mean, 3),
      interval(c.paired.low, c.paired.high, 3),
      formatNumber(c.paired.sd, 3),
      `${Number.isFinite(c.paired.t) ? c.paired.t.toFixed(2) : String(c.paired.t)} (${c.paired.df})`,
      c.paired.p < 1e-4 ? c.paired.p.toExponential(1) : c.paired.p.toFixed(4),
      c.paired.tCritical.toFixed(3),
      interval(c.welch.low, c.welch.high, 3),
      String(c.paired.n),
    ]),
  };
}

/** The per-arm table (unpaired mean ± sd over the complete seeds), context for the paired one. */
export function armTable(analysis: DesignAnalysis, design: PairedDesign): Table {
  return {
    columns: [
      'arm',
      'rate',
      'q',
      `test ${design.outcome.name} at best validation epoch (mean ± sd)`,
      `validation ${design.outcome.name} (mean ± sd)`,
      'best epoch (mean)',
      'CPU s per run (mean)',
      'seeds',
    ],
    rows: analysis.arms.map((a) => [
      a.arm.label,
      String(a.arm.rate),
      String(a.arm.q),
      formatMeanSpread(a.test.mean, a.test.sd, 4),
      formatMeanSpread(a.validation.mean, a.validation.sd, 4),
      a.bestEpoch.mean.toFixed(1),
      a.cpuSeconds.mean.toFixed(0),
      String(a.test.n),
    ]),
  };
}

/** The paired-differences figure of a design (empty rows while fewer than 2 seeds are complete). */
export async function pairedFigure(
  analysis: DesignAnalysis,
  design: PairedDesign,
  basePath: string,
  title: string,
): Promise<RenderedPlot> {
  const comparisons = [analysis.gate, analysis.claimComparison, analysis.claimedVsControl].filter(
    (c): c is Comparison => c !== undefined,
  );
  return renderPlot(
    pairedDifferencesPlot(
      comparisons.map((c) => ({
        comparison: c.name,
        differences: c.paired.differences.map((value, i) => ({ seed: analysis.completeSeeds[i], value })),
        mean: c.paired.mean,
        low: c.paired.low,
        high: c.paired.high,
      })),
      {
        title: `${title}: seed-paired differences`,
        subtitle:
          `${analysis.completeSeeds.length} of ${design.seeds.length} seeds; dots: one seed each; ` +
          'black: mean and 95% interval (Student t); dashed: no difference',
        xTitle:
          `difference in test ${design.outcome.name}` +
          `${design.outcome.unit === design.outcome.name ? '' : ` (${design.outcome.unit})`}, positive = first arm better`,
      },
    ),
    basePath,
  );
}

/** The one-paragraph verdict of a design, with the numbers behind it and, if incomplete, how to resume. */
export function verdictSentence(analysis: DesignAnalysis, design: PairedDesign, resume: string): string {
  const describe = (c: Comparison | undefined) =>
    c
      ? `${formatNumber(c.paired.mean, 3)} ${design.outcome.unit}, 95% interval ${interval(c.paired.low, c.paired.high, 3)}, ` +
        `t(${c.paired.df}) = ${Number.isFinite(c.paired.t) ? c.paired.t.toFixed(2) : c.paired.t}, p = ${c.paired.p.toPrecision(2)}`
      : 'not computable yet';
  const numbers =
    `gate (Dropout better than rate 0): ${describe(analysis.gate)}; ` +
    `claim (${design.arms[2].label} better than Dropout): ${describe(analysis.claimComparison)}`;
  if (analysis.verdict.startsWith('incomplete')) {
    return `${analysis.verdict} (no verdict until all ${design.seeds.length} are in). So far, on the complete seeds: ${numbers}. Resume with: ${resume}`;
  }
  return `${analysis.verdict} (pre-registered, seed-paired, ${analysis.completeSeeds.length} seeds): ${numbers}.`;
}

/** Where a design's checkpoint lives. */
export function checkpointPath(outDir: string, name: string): string {
  return join(outDir, `${name}.checkpoint.json`);
}

/**
 * The report of a paired design from its runs: the analysis, the figure of paired differences
 * (`<outDir>/<name>.png` and `.svg`, captioned `caption`), the comparison and arm tables, and the
 * verdict, which names the command that resumes the design. `results` adds what the experiment
 * records beside the design, the analysis and the runs.
 */
export async function pairedReport(
  context: ExperimentContext,
  name: string,
  design: PairedDesign,
  runs: PairedRun[],
  caption: string,
  budget: Record<string, unknown>,
  results: Record<string, unknown> = {},
): Promise<ExperimentReport> {
  const analysis = analyseDesign(design, runs);
  const figure = await pairedFigure(analysis, design, join(context.outDir, name), caption);
  const resume = `pnpm --filter "@sparseout/experiments..." build && cd apps/experiments && node dist/cli.js ${name}`;
  return {
    table: comparisonTable(analysis, design.outcome.unit),
    extraTables: [armTable(analysis, design)],
    results: { design, analysis, runs, ...results },
    budget: { ...budget, seeds: design.seeds },
    figures: [figure],
    verdict: verdictSentence(analysis, design, resume),
  };
}
