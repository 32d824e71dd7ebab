import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/conformance.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: false,
  clean: true,
  target: 'es2022',
  external: ['onnxruntime-web', 'protobufjs', '@sparseout/core', '@sparseout/conformance'],
});
