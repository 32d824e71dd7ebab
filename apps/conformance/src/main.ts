/**
 * The conformance app: every adapter of the workspace x every backend it declares, in Node and in
 * headless Chromium. Prints the matrix, writes out/report.json and out/report.html, exits 1 when
 * any applicable check fails (or an adapter cannot be loaded).
 *
 *   pnpm start                      (from the root: builds, then runs this)
 *   node dist/main.js [--no-browser] [--only S2,S4.2] [--adapter tfjs]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runInBrowser } from './browser-run.js';
import { coreDemonstration, formatDemonstration } from './demo.js';
import { discoverAdapters } from './discover.js';
import { formatMatrix, matrixOk, matrixRows } from './matrix.js';
import { runInNode } from './node-run.js';
import { outDirectory } from './paths.js';
import { createProgress } from './progress.js';
import { formatHtmlReport } from './report-html.js';
import type { AdapterRun } from './types.js';

// `pnpm start -- --flag` passes a leading '--' through: drop it.
const argv = process.argv.slice(2);
const { values } = parseArgs({
  args: argv[0] === '--' ? argv.slice(1) : argv,
  options: {
    'no-browser': { type: 'boolean', default: false },
    only: { type: 'string' },
    adapter: { type: 'string' },
  },
});
const only = values.only
  ?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const modules = discoverAdapters().filter((m) => !values.adapter || m.specifier.includes(values.adapter));
console.log(
  `Sparseout conformance: ${modules.length} adapters (${modules.map((m) => m.specifier).join(', ')})\n`,
);

const progress = createProgress();
const runs: AdapterRun[] = [];
for (const module of modules) runs.push(await runInNode(module, progress, only));
let browserVersion: string | undefined;
if (values['no-browser']) {
  for (const m of modules)
    runs.push({ specifier: m.specifier, environment: 'chromium', notRun: 'skipped (--no-browser)' });
} else {
  const browser = await runInBrowser(modules, progress, only);
  runs.push(...browser.runs);
  browserVersion = browser.browserVersion;
}

const rows = matrixRows(runs);
console.log(`\n${formatMatrix(rows)}\n`);
const ok = matrixOk(runs);
const meta = {
  generated: new Date().toISOString(),
  node: process.version,
  chromium: browserVersion ?? 'not run',
  platform: `${process.platform} ${process.arch}`,
  verdict: ok ? 'every applicable check passed' : 'some applicable checks failed',
};
mkdirSync(outDirectory, { recursive: true });
writeFileSync(
  join(outDirectory, 'report.json'),
  `${JSON.stringify({ ...meta, matrix: rows, runs }, null, 2)}\n`,
);
writeFileSync(join(outDirectory, 'report.html'), formatHtmlReport(runs, meta));
console.log(
  `${ok ? 'Every applicable check passed.' : 'Some applicable checks FAILED, or an adapter could not be loaded.'} Reports: ${join(outDirectory, 'report.json')}, report.html\n`,
);

console.log(`${formatDemonstration(coreDemonstration())}\n`);

process.exitCode = ok ? 0 : 1;
