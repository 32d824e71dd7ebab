#!/usr/bin/env node
/**
 * `pnpm bench`: discovers the built suites, runs every row, prints a table, and (full runs)
 * rewrites docs/benchmarks.md; `--json <file>` also writes { machine, rows }. Exits 1 if a suite
 * fails to load or a row throws (targets are reported, never enforced here).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './args.js';
import { discoverSuites } from './discover.js';
import { describeMachine, formatLoadAverage, loadAverage } from './machine.js';
import { formatMarkdown, formatTable, type JsonReport, type ReportRow } from './report.js';
import { runCase } from './run-case.js';
import type { BenchSuite } from './types.js';

const DOCS_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/benchmarks.md');

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const args = parseArgs(argv);
  const machine = describeMachine(argv);
  console.log(`load average at start: ${formatLoadAverage(machine.loadAverage.start, machine.cores)}`);
  const started = performance.now();
  const rows: ReportRow[] = [];
  const notes = new Map<string, NonNullable<BenchSuite['notes']>>();
  let failures = 0;
  const wanted = (suite: string, name: string) =>
    args.filter === undefined || `${suite}: ${name}`.toLowerCase().includes(args.filter.toLowerCase());

  for (const found of await discoverSuites()) {
    if ('error' in found) {
      failures++;
      console.error(`suite ${found.file} failed to load: ${found.error}`);
      continue;
    }
    if (found.suite.notes !== undefined) notes.set(found.suite.name, found.suite.notes);
    for (const benchCase of found.suite.cases) {
      if (!wanted(found.suite.name, benchCase.name)) continue;
      process.stderr.write(`${found.suite.name}: ${benchCase.name} ... `);
      const caseRows = await runCase(found.suite.name, benchCase, args);
      const error = caseRows.find((row) => row.error !== undefined)?.error;
      if (error !== undefined) failures++;
      process.stderr.write(`${error === undefined ? 'done' : `error: ${error}`}\n`);
      rows.push(...caseRows);
    }
  }

  machine.loadAverage.end = loadAverage();
  console.log(formatTable(rows));
  console.log(`\n${rows.length} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`load average at start: ${formatLoadAverage(machine.loadAverage.start, machine.cores)}`);
  console.log(`load average at end:   ${formatLoadAverage(machine.loadAverage.end, machine.cores)}`);
  if (args.json !== undefined) {
    const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), args.json);
    const report: JsonReport = { machine, rows };
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`wrote ${file}`);
  }
  if (args.docs) {
    await mkdir(path.dirname(DOCS_FILE), { recursive: true });
    await writeFile(DOCS_FILE, formatMarkdown(machine, rows, args.runs, notes));
    console.log(`wrote ${DOCS_FILE}`);
  }
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
