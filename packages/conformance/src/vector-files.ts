/**
 * The golden vectors files, imported from the package's own vectors/ directory. This module sits
 * directly in src/ (and its code in dist/), so '../vectors/' is the same directory from the sources
 * and from the build. The build keeps these two imports external (tsup.config.ts): dist/index.js,
 * dist/index.cjs and dist/cli.js load vectors/*.json at run time (Node: a JSON module or require;
 * a bundler: it inlines the file), so the package ships the vectors once, as the JSON files.
 */
import float32File from '../vectors/float32.json' with { type: 'json' };
import float64File from '../vectors/float64.json' with { type: 'json' };

export const vectorFiles = { float32: float32File, float64: float64File };
