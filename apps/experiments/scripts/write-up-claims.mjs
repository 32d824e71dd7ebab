#!/usr/bin/env node
/**
 * Fills the claim 3 and 4 blocks of docs/experiments/README.md from `language.json` and
 * `classification.json` (as written by `pnpm experiments classification language --report-only`
 * or by a finished run): the verdict cells, the run state, each claim's tables, figure and verdict.
 * The blocks sit between `<!-- NAME -->` and `<!-- /NAME -->` markers, so the script can be re-run
 * as more seeds come in. Numbers are copied from the JSON, never typed by hand.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const docs = fileURLToPath(new URL('../../../docs/experiments/', import.meta.url));
const readme = `${docs}README.md`;
let text = readFileSync(readme, 'utf8');

function fill(name, content) {
  const block = new RegExp(`<!-- ${name} -->[\\s\\S]*?<!-- /${name} -->|<!-- ${name} -->`);
  if (!block.test(text)) throw new Error(`README has no <!-- ${name} --> marker`);
  text = text.replace(block, `<!-- ${name} -->${content}<!-- /${name} -->`);
}

const claims = [
  { number: 4, name: 'classification' },
  { number: 3, name: 'language' },
];
const states = [];
for (const claim of claims) {
  const record = JSON.parse(readFileSync(`${docs}${claim.name}.json`, 'utf8'));
  const { analysis, runs, design } = record.results;
  const tables = readFileSync(`${docs}${claim.name}.table.md`, 'utf8').trim();
  const planned = design.seeds.length;
  const plannedRuns = design.arms.length * planned;
  const complete = analysis.completeSeeds.length;
  const cpu = runs.reduce((s, r) => s + r.cpuSeconds, 0);
  const verdict = analysis.verdict;
  const done = !verdict.startsWith('incomplete');
  fill(`VERDICT-${claim.number}`, done ? `**${verdict}**` : `**${verdict}** (no verdict yet)`);
  states.push(
    `claim ${claim.number}: ${complete} of ${planned} seeds complete (${runs.length} of ${plannedRuns} runs, ` +
      `${(cpu / 60).toFixed(0)} CPU minutes)`,
  );
  const results = [
    '',
    `**Results** (report generated ${record.startedAt.slice(0, 16).replace('T', ' ')} UTC from the checkpoint; ` +
      `${complete} of ${planned} planned seeds complete, ${runs.length} of ${plannedRuns} runs, ` +
      `${(cpu / 60).toFixed(0)} CPU minutes). Paired differences are in the claim's direction (positive: the ` +
      'first arm named is better); the Welch column is the unpaired interval of the same difference, context only. ' +
      'The second table is each arm over the complete seeds (unpaired, context).',
    '',
    tables,
    '',
    complete >= 2
      ? `![Seed-paired differences of test ${design.outcome.name}: every seed, mean and 95% interval, zero marked](${claim.name}.png)`
      : '(The figure needs at least 2 complete seeds.)',
    '',
    // record.verdict starts with the verdict itself; the rest is the numbers behind it.
    `**${done ? `Verdict: ${verdict}` : `No verdict yet (${verdict})`}.** ${record.verdict.slice(verdict.length).trim()}`,
    '',
  ].join('\n');
  fill(`RESULTS-${claim.number}`, results);
}
const resume =
  'pnpm --filter "@sparseout/experiments..." build && cd apps/experiments && ' +
  'node dist/cli.js classification language   # skips the runs already in the checkpoints';
fill(
  'RUN-STATE',
  `\n  State when this page was generated: ${states.join('; ')}. Resume with \`${resume}\`.\n  `,
);
writeFileSync(readme, text);
process.stdout.write(`filled ${readme}: ${states.join('; ')}\n`);
