import { defineConfig } from 'tsup';

// Unbundled: every file of src/ becomes its own module in dist/, so the harness can discover
// dist/suites/*.js at run time and a new suite is one new file.
export default defineConfig({
  entry: ['src/**/*.ts', '!src/**/*.test.ts'],
  bundle: false,
  format: ['esm'],
  dts: false,
  sourcemap: false,
  clean: true,
  target: 'es2022',
});
