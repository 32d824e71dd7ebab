import { defineConfig } from 'vitest/config';

/**
 * Two runs of the suite: against onnxruntime-web 1.30.0 (the `onnxruntime-web` devDependency) and
 * against 1.18.0, the lowest version of the peer range (installed as the alias
 * `onnxruntime-web-1.18`), which every `onnxruntime-web` import of the sources and tests resolves
 * to in the second project. SPARSEOUT_ORT_VERSION tells versions.test.ts which runtime it must
 * find, so an alias that silently stopped working fails the run.
 *
 * The second run leaves out the files that never load onnxruntime-web (codec fuzzing and graph
 * structure: the same on every runtime).
 */
const ortFree = ['src/fuzz.test.ts', 'src/local-functions.test.ts', 'src/op-models.test.ts'];

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'onnxruntime-web@1.30.0',
          include: ['src/**/*.test.ts'],
          env: { SPARSEOUT_ORT_VERSION: '1.30.0' },
        },
      },
      {
        extends: true,
        resolve: { alias: [{ find: /^onnxruntime-web$/, replacement: 'onnxruntime-web-1.18' }] },
        test: {
          name: 'onnxruntime-web@1.18.0',
          include: ['src/**/*.test.ts'],
          exclude: ortFree,
          env: { SPARSEOUT_ORT_VERSION: '1.18.0' },
        },
      },
    ],
  },
});
