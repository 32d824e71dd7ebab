import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The built package as its users load it, by name through the `exports` map, in a fresh Node
 * process (turbo builds the package before its tests run): importing it must register the fused
 * kernels, the gradients (of Sparseout, and of SparseoutGrad for second orders) and the layer class, even though bundlers may drop side-effect-free code.
 */
const packageDirectory = dirname(dirname(fileURLToPath(import.meta.url)));

const probe = `
  const registered = [
    ['Sparseout', 'cpu'], ['SparseoutGrad', 'cpu'], ['Sparseout', 'wasm'], ['SparseoutGrad', 'wasm'],
  ].every(([name, backend]) => Boolean(tf.getKernel(name, backend)));
  const gradient = Boolean(tf.getGradient('Sparseout')) && Boolean(tf.getGradient('SparseoutGrad'));
  const layer = tf.serialization.SerializationMap.getMap().classNameMap.Sparseout !== undefined;
  console.log(JSON.stringify({ registered, gradient, layer, hasOp: typeof pkg.sparseout === 'function', adapter: adapter.name }));
`;

function run(args: string[]): unknown {
  const output = execFileSync(process.execPath, args, { cwd: packageDirectory, encoding: 'utf8' });
  return JSON.parse(output.trim().split('\n').pop() ?? '');
}

const expected = { registered: true, gradient: true, layer: true, hasOp: true, adapter: '@sparseout/tfjs' };

describe('the published entry points', () => {
  it('import "@sparseout/tfjs" (ESM) registers kernels, gradient and layer class', () => {
    const source = `
      import * as tf from '@tensorflow/tfjs-core';
      import * as pkg from '@sparseout/tfjs';
      import adapter from '@sparseout/tfjs/conformance';
      ${probe}`;
    expect(run(['--input-type=module', '-e', source])).toEqual(expected);
  });

  it('require("@sparseout/tfjs") (CommonJS) registers kernels, gradient and layer class', () => {
    const source = `
      const tf = require('@tensorflow/tfjs-core');
      const pkg = require('@sparseout/tfjs');
      const adapter = require('@sparseout/tfjs/conformance').default;
      ${probe}`;
    expect(run(['-e', source])).toEqual(expected);
  });
});
