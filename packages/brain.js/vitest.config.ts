import { defineConfig } from 'vitest/config';

/**
 * Two runs of the suite: against brain.js 2.0.0-beta.24 (the `brain.js` devDependency) and against
 * brain.js 1.6.1 (npm's `latest`, installed as the alias `brain.js-1.6`), which every `brain.js`
 * import of the sources resolves to in the second project. The layered API is 2.x-only, so its
 * tests run in the first project only. SPARSEOUT_BRAIN_MAJOR tells versions.test.ts which brain.js
 * it must find, so an alias that silently stopped working fails the run.
 */
const layeredOnly = [
  'src/sparseout-layer.test.ts',
  'src/sparseout-feed-forward.test.ts',
  'src/matrix.test.ts',
];

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'brain.js@2.0.0-beta.24',
          include: ['src/**/*.test.ts'],
          env: { SPARSEOUT_BRAIN_MAJOR: '2' },
        },
      },
      {
        extends: true,
        resolve: { alias: [{ find: /^brain\.js$/, replacement: 'brain.js-1.6' }] },
        test: {
          name: 'brain.js@1.6.1',
          include: ['src/**/*.test.ts'],
          exclude: layeredOnly,
          env: { SPARSEOUT_BRAIN_MAJOR: '1' },
        },
      },
    ],
  },
});
