/**
 * Regenerates the golden vectors in ../vectors from @sparseout/core's float64 path.
 * Run: pnpm --filter @sparseout/conformance generate-vectors (builds core first if needed).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateVectorFiles } from '../src/golden/generate.js';

const directory = fileURLToPath(new URL('../vectors/', import.meta.url));
for (const [name, contents] of Object.entries(generateVectorFiles())) {
  writeFileSync(directory + name, contents);
  console.log(`wrote vectors/${name} (${contents.length} bytes)`);
}
