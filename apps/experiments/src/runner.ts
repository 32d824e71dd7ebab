import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { APP_ROOT } from './paths.js';
import { machineInfo } from './report/machine.js';
import { createProgress } from './report/progress.js';
import { gitRevision } from './report/revision.js';
import { markdownTable } from './report/table.js';
import type { Experiment } from './types.js';

/** Options of one invocation of `pnpm experiments`. */
export interface RunOptions {
  quick: boolean;
  /** Seeds per configuration; undefined = each experiment's default. */
  seeds?: number;
  outDir: string;
  /** The command line, recorded in every JSON file so each figure traces back to it. */
  command: string;
  /** Resumable experiments only: report from the checkpoint, train nothing. */
  reportOnly?: boolean;
  /** Resumable experiments only: start over, ignoring an existing checkpoint. */
  fresh?: boolean;
}

/** Runs experiments one after another: prints each table, writes `<name>.json`, returns wall times. */
export async function runExperiments(experiments: Experiment[], options: RunOptions): Promise<number> {
  await mkdir(options.outDir, { recursive: true });
  const ui = createProgress();
  const machine = machineInfo();
  const revision = gitRevision(APP_ROOT);
  const started = performance.now();
  try {
    for (const experiment of experiments) {
      const seeds = options.seeds ?? (options.quick ? (experiment.quickSeeds ?? 1) : experiment.defaultSeeds);
      ui.log(`\n## ${experiment.title}${options.quick ? ' (quick)' : ''}, ${seeds} seed(s)`);
      const t0 = performance.now();
      const startedAt = new Date().toISOString();
      const report = await experiment.run({
        quick: options.quick,
        seeds,
        outDir: options.outDir,
        // --quick always trains from scratch (a smoke test never reuses an earlier smoke test's runs);
        // --quick --report-only reports the last smoke test's checkpoint.
        reportOnly: options.reportOnly ?? false,
        fresh: (options.fresh ?? false) || (options.quick && !options.reportOnly),
        command: options.command,
        log: ui.log,
        progress: ui.progress,
      });
      const wallSeconds = (performance.now() - t0) / 1000;
      const table = [report.table, ...(report.extraTables ?? [])].map(markdownTable).join('\n\n');
      ui.log(`\n${table}\n\n${report.verdict}\nwall time ${wallSeconds.toFixed(1)} s`);
      const figures = report.figures.map((f) => ({
        svg: relative(options.outDir, f.svg),
        png: relative(options.outDir, f.png),
      }));
      const record = {
        experiment: experiment.name,
        title: experiment.title,
        command: options.command,
        quick: options.quick,
        reportOnly: options.reportOnly ?? false,
        seeds,
        startedAt,
        wallSeconds,
        machine,
        revision,
        budget: report.budget,
        verdict: report.verdict,
        table: report.table,
        figures,
        results: report.results,
      };
      await writeFile(
        join(options.outDir, `${experiment.name}.json`),
        `${JSON.stringify(record, null, 2)}\n`,
      );
      await writeFile(join(options.outDir, `${experiment.name}.table.md`), `${table}\n`);
    }
  } finally {
    ui.close();
  }
  return (performance.now() - started) / 1000;
}
