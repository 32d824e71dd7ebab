import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { GoldenFileJson } from './golden/format.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The packed tarball's size limit, in bytes (a target of the release checklist: "under 200 kB packed", so the golden vectors ship once). */
const MAX_PACKED_BYTES = 200_000;

interface PackResult {
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

/** What `npm pack` would publish from the built package (dist/ is built before the tests run). */
function dryRunPack(): PackResult {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const stdout = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return (JSON.parse(stdout) as PackResult[])[0];
}

describe('the published package', () => {
  const pack = dryRunPack();

  it(`packs to under ${MAX_PACKED_BYTES / 1000} kB`, () => {
    const largest = [...pack.files]
      .sort((a, b) => b.size - a.size)
      .slice(0, 5)
      .map((f) => `${f.path} ${f.size}`);
    expect(pack.size, `packed ${pack.size} bytes; largest files: ${largest.join(', ')}`).toBeLessThan(
      MAX_PACKED_BYTES,
    );
  });

  it('ships the golden vectors once, as vectors/*.json, and no built file carries them', () => {
    const paths = pack.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['vectors/float32.json', 'vectors/float64.json']));
    // The longest encoded outputs of each file: a build that inlines the vectors contains them
    // verbatim as string literals.
    for (const dtype of ['float32', 'float64'] as const) {
      const file = JSON.parse(readFileSync(join(root, 'vectors', `${dtype}.json`), 'utf8')) as GoldenFileJson;
      const markers = file.cases
        .flatMap((c) => [...c.y, ...c.dxExact])
        .sort((a, b) => b.length - a.length)
        .slice(0, 3);
      expect(markers[0].length).toBeGreaterThan(15);
      for (const path of paths.filter((p) => !p.startsWith('vectors/'))) {
        const text = readFileSync(join(root, path), 'utf8');
        for (const marker of markers) expect(text.includes(marker), `${path} contains ${marker}`).toBe(false);
      }
    }
  });
});
