#!/usr/bin/env node
/**
 * `pnpm experiments [name ...] [--quick] [--seeds n] [--out dir]`: re-runs the paper's claims and
 * writes tables, JSON and plots. Full runs write to docs/experiments/, --quick runs to out-quick/.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DOCS_OUT, QUICK_OUT } from './paths.js';
import { EXPERIMENTS } from './registry.js';
import { runExperiments } from './runner.js';

const USAGE = `usage: pnpm experiments [name ...] [--quick] [--seeds n] [--out dir] [--report-only] [--fresh]

experiments:
${EXPERIMENTS.map((e) => `  ${e.name.padEnd(14)} ${e.title}`).join('\n')}

  --quick      smoke-test budgets (all five within 3 minutes), written to apps/experiments/out-quick/
  --seeds n    seeds per configuration (default: per experiment; 1 with --quick)
  --out dir    output folder (default: docs/experiments/, or out-quick/ with --quick)
  --report-only  language, classification: tables, figures and verdicts from the checkpoint alone
  --fresh        language, classification: ignore an existing checkpoint and start the design over

Named experiments run in the order given; without names, all five in the order above. language and
classification checkpoint every finished run to <out>/<name>.checkpoint.json and resume from it.
`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    // `pnpm experiments -- --quick` forwards a literal '--': drop it so the flags still parse.
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    allowPositionals: true,
    options: {
      quick: { type: 'boolean', default: false },
      seeds: { type: 'string' },
      out: { type: 'string' },
      'report-only': { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const unknown = positionals.filter((name) => !EXPERIMENTS.some((e) => e.name === name));
  if (unknown.length > 0) {
    process.stderr.write(`unknown experiment(s): ${unknown.join(', ')}\n\n${USAGE}`);
    return 2;
  }
  let seeds: number | undefined;
  if (values.seeds !== undefined) {
    seeds = Number(values.seeds);
    if (!Number.isSafeInteger(seeds) || seeds < 1) {
      process.stderr.write(`--seeds must be a positive integer, got ${values.seeds}\n`);
      return 2;
    }
  }
  const names = [...new Set(positionals)];
  const selected =
    names.length > 0
      ? names.map((name) => EXPERIMENTS.find((e) => e.name === name) as (typeof EXPERIMENTS)[number])
      : EXPERIMENTS;
  if (values['report-only'] || values.fresh) {
    const notResumable = selected.filter((e) => !e.resumable).map((e) => e.name);
    if (notResumable.length > 0 || names.length === 0) {
      process.stderr.write(
        `--report-only and --fresh apply to resumable experiments only (${EXPERIMENTS.filter(
          (e) => e.resumable,
        )
          .map((e) => e.name)
          .join(', ')}); name them\n`,
      );
      return 2;
    }
  }
  const outDir = resolve(values.out ?? (values.quick ? QUICK_OUT : DOCS_OUT));
  const command = ['pnpm experiments', ...process.argv.slice(2).filter((arg) => arg !== '--')].join(' ');
  const wall = await runExperiments(selected, {
    quick: values.quick,
    seeds,
    outDir,
    command,
    reportOnly: values['report-only'],
    fresh: values.fresh,
  });
  process.stdout.write(`\nall done in ${wall.toFixed(1)} s; results in ${outDir}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
