#!/usr/bin/env node
// Puts a panel screenshot of the playground's browser test (out/<panel>.png, written by
// `pnpm --filter @sparseout/playground test`) into the root README: copies it to
// apps/playground/screenshot.png and rewrites the README's playground block (between its two
// marker comments, inserted before "## Packages" the first time) and its Scripts row.
// Usage: node scripts/readme-screenshot.mjs [noise|training|uncertainty]   (default: noise)
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PANELS = {
  noise:
    "the playground's noise panel: histograms of x and y = Sparseout(x), S5's predictions, the L_q penalty",
  training: "the playground's training panel: Sparseout against Dropout on mnist digits",
  uncertainty: "the playground's uncertainty panel: MC Sparseout in ONNX Runtime Web",
};
const START = '<!-- playground: written by `pnpm --filter @sparseout/playground readme` -->';
const END = '<!-- /playground -->';
const ROW =
  '| `pnpm playground` | build the playground page and serve it on 127.0.0.1 (prints the address) |';

const panel = process.argv[2] ?? 'noise';
if (!(panel in PANELS)) {
  console.error(`unknown panel ${panel}: one of ${Object.keys(PANELS).join(', ')}`);
  process.exit(1);
}
const app = fileURLToPath(new URL('..', import.meta.url));
const source = `${app}out/${panel}.png`;
if (!existsSync(source)) {
  console.error(
    `${source} does not exist: run the browser test first (pnpm --filter @sparseout/playground test)`,
  );
  process.exit(1);
}
copyFileSync(source, `${app}screenshot.png`);

const readmePath = fileURLToPath(new URL('../../../README.md', import.meta.url));
let readme = readFileSync(readmePath, 'utf8');
const block = [
  START,
  '`pnpm playground` builds the [playground page](apps/playground) and serves it on 127.0.0.1 (it',
  'prints the address): what `q` does to the noise, an MLP trained live on mnist digits against a',
  'Dropout baseline, and MC Sparseout uncertainty from an ONNX classifier, in your browser.',
  '',
  `![${PANELS[panel]}](apps/playground/screenshot.png)`,
  END,
].join('\n');
const start = readme.indexOf(START);
if (start >= 0) {
  const end = readme.indexOf(END, start);
  if (end < 0) throw new Error(`README.md has the start marker but no ${END}`);
  readme = readme.slice(0, start) + block + readme.slice(end + END.length);
} else {
  const anchor = readme.indexOf('## Packages');
  if (anchor < 0) throw new Error('README.md has no "## Packages" heading to put the block before');
  readme = `${readme.slice(0, anchor)}${block}\n\n${readme.slice(anchor)}`;
}
if (!readme.includes(ROW)) {
  const experiments = readme.split('\n').findIndex((line) => line.startsWith('| `pnpm experiments'));
  if (experiments < 0)
    throw new Error('README.md has no `pnpm experiments` row to put the playground row after');
  const lines = readme.split('\n');
  lines.splice(experiments + 1, 0, ROW);
  readme = lines.join('\n');
}
writeFileSync(readmePath, readme);
console.log(`README.md: ${panel} panel (apps/playground/screenshot.png) and the pnpm playground command`);
