import { defaultClientConditions, defineConfig } from 'vite';
import { playgroundAssets } from './build/plugin.js';

export default defineConfig({
  // Relative URLs: the built folder works wherever it is served from.
  base: './',
  resolve: {
    // ORT-web's wasm-only build (one 14 MB .wasm) for the adapter and the page alike (the default
    // entry also carries WebGPU/WebNN and a 28 MB .wasm the page never uses), in its variant that
    // loads its .mjs/.wasm from `wasmPaths` (copied by build/plugin.ts) instead of bundling them.
    alias: [{ find: /^onnxruntime-web$/, replacement: 'onnxruntime-web/wasm' }],
    conditions: ['onnxruntime-web-use-extern-wasm', ...defaultClientConditions],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096, assetsInlineLimit: 0 },
  preview: { host: '127.0.0.1' },
  plugins: [playgroundAssets()],
});
