import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { ASSETS, encodeDigits } from '../src/digits-format.js';
import { buildClassifier } from './classifier.js';
import { CLASSIFIER_PER_DIGIT, TEST_PER_DIGIT, TRAIN_PER_DIGIT, takeDigits } from './digits.js';

const require = createRequire(import.meta.url);

/** The .wasm files the page's runtimes fetch: tfjs-backend-wasm's three, ORT-web's wasm-only build. */
function wasmFiles(): { fileName: string; file: string }[] {
  const tfjsDist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  const tfjs = readdirSync(tfjsDist)
    .filter((name) => name.endsWith('.wasm'))
    .map((name) => ({ fileName: ASSETS.tfjsWasm + name, file: join(tfjsDist, name) }));
  const ort = ['ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.mjs'].map((name) => ({
    fileName: ASSETS.ortWasm + name,
    file: require.resolve(`onnxruntime-web/${name}`),
  }));
  return [...tfjs, ...ort];
}

/**
 * Adds the page's generated assets to the build: the digits (a subset of the mnist package's,
 * see build/digits.ts), the ONNX classifier (trained here with tfjs, exported with a Dropout) and
 * copies of the runtimes' .wasm files, which the page finds through setWasmPaths / wasmPaths.
 */
export function playgroundAssets(): Plugin {
  return {
    name: 'sparseout-playground-assets',
    apply: 'build',
    async generateBundle() {
      const emit = (fileName: string, source: Uint8Array) =>
        this.emitFile({ type: 'asset', fileName, source });
      emit(ASSETS.trainDigits, encodeDigits(takeDigits(TRAIN_PER_DIGIT, false)));
      emit(ASSETS.testDigits, encodeDigits(takeDigits(TEST_PER_DIGIT, true)));
      const { model, seconds } = await buildClassifier(takeDigits(CLASSIFIER_PER_DIGIT, false));
      this.info(`ONNX classifier trained in ${seconds.toFixed(1)} s: ${model.length} bytes`);
      emit(ASSETS.classifier, model);
      for (const { fileName, file } of wasmFiles()) emit(fileName, readFileSync(file));
    },
  };
}
