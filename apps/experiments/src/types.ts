import type { RenderedPlot } from './plot/render.js';
import type { ProgressFactory } from './report/progress.js';
import type { Table } from './report/table.js';

/** What every experiment receives from the runner. */
export interface ExperimentContext {
  /** Smoke-test budget (all five together within 3 minutes); the documented results use quick = false. */
  quick: boolean;
  /** Number of seeds per configuration (--seeds), >= 1. */
  seeds: number;
  /** Folder for JSON results and figures. */
  outDir: string;
  /** Resumable experiments: build the report from the checkpoint alone, training nothing. */
  reportOnly: boolean;
  /** Resumable experiments: ignore (and then overwrite) an existing checkpoint. */
  fresh: boolean;
  /** The command line of this invocation (quoted in resume instructions). */
  command: string;
  /** Prints a line above the progress bars. */
  log: (line: string) => void;
  /** Starts a progress bar with an ETA. */
  progress: ProgressFactory;
}

/** What an experiment hands back: a table to print, data to store as JSON, the figures it rendered. */
export interface ExperimentReport {
  table: Table;
  /** Further tables, printed and written to `<name>.table.md` after the first. */
  extraTables?: Table[];
  /** Free-form results, stored as JSON beside the figures. */
  results: unknown;
  /** The budget actually used (sizes, epochs, seeds), stored as JSON and quoted in the write-up. */
  budget: Record<string, unknown>;
  figures: RenderedPlot[];
  /** One sentence: did the paper's claim hold in this run, with the numbers behind the verdict. */
  verdict: string;
}

/** One of the paper's claims, re-run. */
export interface Experiment {
  /** CLI name, e.g. 'lq-theorem'. */
  name: string;
  /** Human title, e.g. '1. The L_q theorem (S6)'. */
  title: string;
  /** Seeds used when --seeds is not given. */
  defaultSeeds: number;
  /** Seeds with --quick when --seeds is not given (default 1). */
  quickSeeds?: number;
  /** Checkpoints every finished run and resumes from it (supports --report-only and --fresh). */
  resumable?: boolean;
  run(context: ExperimentContext): Promise<ExperimentReport>;
}
