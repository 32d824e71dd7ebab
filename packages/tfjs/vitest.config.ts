import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Two runs of the Node suite: against tfjs 4.22.0 (the `@tensorflow/*` devDependencies) and against
 * tfjs 4.6.0, the lowest version the peer ranges admit, installed as the aliases
 * `@tensorflow/tfjs-core-4.6`, `-layers-4.6`, `-backend-cpu-4.6` and `-backend-wasm-4.6`. In the
 * second project every `@tensorflow/tfjs-*` import, of the sources and of the aliased packages
 * themselves, resolves to the 4.6.0 flat ES module bundles, which are inlined (run through Vite) so
 * that the aliases apply inside them too: tfjs registers kernels, gradients and serializable classes
 * per tfjs-core instance, so layers and backends must share the 4.6.0 core (pnpm links their
 * `@tensorflow/tfjs-core` peer to the 4.22.0 one). SPARSEOUT_TFJS_VERSION tells versions.test.ts
 * which tfjs it must find, so an alias that silently stopped working fails the run.
 * The browser tests (webgl, webgpu) and the packaging test (a child Node process loading the built
 * package with the 4.22.0 devDependencies) run in the first project only.
 */
const OLDEST = '4.6.0';
const oldest = (name: string, file: string) =>
  fileURLToPath(new URL(`./node_modules/@tensorflow/${name}-4.6/dist/${file}`, import.meta.url));

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'tfjs@4.22.0',
          include: ['src/**/*.test.ts'],
          env: { SPARSEOUT_TFJS_VERSION: '4.22.0' },
        },
      },
      {
        extends: true,
        resolve: {
          alias: [
            { find: /^@tensorflow\/tfjs-core$/, replacement: oldest('tfjs-core', 'tf-core.fesm.js') },
            { find: /^@tensorflow\/tfjs-layers$/, replacement: oldest('tfjs-layers', 'tf-layers.fesm.js') },
            {
              find: /^@tensorflow\/tfjs-backend-cpu$/,
              replacement: oldest('tfjs-backend-cpu', 'tf-backend-cpu.fesm.js'),
            },
            {
              find: /^@tensorflow\/tfjs-backend-wasm$/,
              replacement: oldest('tfjs-backend-wasm', 'tf-backend-wasm.fesm.js'),
            },
          ],
        },
        test: {
          name: `tfjs@${OLDEST}`,
          include: ['src/**/*.test.ts'],
          exclude: ['src/browser.test.ts', 'src/packaging.test.ts'],
          env: { SPARSEOUT_TFJS_VERSION: OLDEST },
          server: {
            deps: { inline: [/@tensorflow\/tfjs-[a-z-]+-4\.6\/dist\//, /@tensorflow\+tfjs-[a-z-]+@4\.6\.0/] },
          },
        },
      },
    ],
  },
});
