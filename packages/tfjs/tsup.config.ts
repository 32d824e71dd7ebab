import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/conformance.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: false,
  clean: true,
  // One shared chunk for both entry points in ESM and CJS, so kernels and the layer class register once.
  splitting: true,
  target: 'es2022',
  external: [/^@tensorflow\//, /^@sparseout\//],
});
