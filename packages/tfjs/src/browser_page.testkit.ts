/**
 * The page of browser.test.ts, bundled by esbuild and run in headless Chromium: the real tfjs
 * webgl and webgpu backends (WebGL2 and WebGPU through SwiftShader) with this package's kernels.
 * Each function runs one scenario in the page and returns a small summary; the assertions are in
 * browser.test.ts. References are @sparseout/core's masks (S4.2) and a float64 evaluation of
 * S2.1-S2.3 / S3.1-S3.2 written here from the spec's text.
 */
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { bernoulliMask } from '@sparseout/core';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { hasFusedKernel, sparseout, sparseoutLayer, sparseoutWithMask } from './index.js';
import { broadcastCells } from './kernels/kernel_mask.js';
import { PHILOX_GLSL } from './kernels/shaders/philox_glsl.js';
import { PHILOX_WGSL } from './kernels/shaders/philox_wgsl.js';

/** The page's globals this file uses (the package compiles without the DOM library). */
const page = globalThis as unknown as {
  location: { search: string };
  navigator: { gpu?: { requestAdapter(): Promise<unknown> } };
};

const params = new URLSearchParams(page.location.search);
if (params.get('f16') === '1') tf.env().set('WEBGL_FORCE_F16_TEXTURES', true);
// WebGL1 (no unsigned integers in GLSL ES 1.00): the kernels' fallback path.
if (params.get('webgl1') === '1') tf.env().set('WEBGL_VERSION', 1);

/** Makes `name` the active backend; false when it cannot start (no WebGPU adapter). */
async function use(name: string): Promise<boolean> {
  const ok = await tf.setBackend(name);
  await tf.ready();
  return ok && tf.getBackend() === name;
}

/** Philox4x32-10 in the shader of `backend` for one counter and key: the four output words. */
async function shaderPhilox(backend: string, counter: number[], key: number[]): Promise<number[]> {
  if (backend === 'webgl') {
    const halves = (w: number) => [w & 0xffff, w >>> 16];
    const program = {
      variableNames: [],
      outputShape: [8],
      customUniforms: [
        { name: 'counterLo', type: 'ivec4' as const },
        { name: 'counterHi', type: 'ivec4' as const },
        { name: 'keyWords', type: 'ivec4' as const },
      ],
      userCode: `
      ${PHILOX_GLSL}
      void main() {
        int i = getOutputCoords();
        uvec4 c = uvec4(counterLo) | (uvec4(counterHi) << 16u);
        uvec4 w = philox4x32(c, uvec2(sparseoutWord(keyWords.xy), sparseoutWord(keyWords.zw)));
        uint word = i / 2 == 0 ? w.x : i / 2 == 1 ? w.y : i / 2 == 2 ? w.z : w.w;
        setOutput(float(i % 2 == 0 ? word & 0xFFFFu : word >> 16u));
      }`,
    };
    const backendObject = tf.backend() as MathBackendWebGL;
    const info = backendObject.runWebGLProgram(program, [], 'float32', [
      counter.map((w) => w & 0xffff),
      counter.map((w) => w >>> 16),
      [...halves(key[0]), ...halves(key[1])],
    ]);
    const out = tf.engine().makeTensorFromTensorInfo(info);
    const h = (await out.data()) as Float32Array;
    out.dispose();
    return [0, 1, 2, 3].map((j) => (h[2 * j] + h[2 * j + 1] * 65536) >>> 0);
  }
  const program = {
    variableNames: [],
    outputShape: [4],
    shaderKey: 'sparseoutPhiloxKat',
    dispatchLayout: { x: [0] },
    dispatch: [1, 1, 1] as [number, number, number],
    workgroupSize: [4, 1, 1] as [number, number, number],
    size: true,
    uniforms: 'counter : vec4<u32>, key : vec2<u32>,',
    getUserCode: () => `
      ${PHILOX_WGSL}
      fn main(index : i32) {
        if (index < uniforms.size) {
          let w = philox4x32(uniforms.counter, uniforms.key);
          setOutputAtIndexI32(index, bitcast<i32>(w[index]));
        }
      }`,
  };
  const info = (tf.backend() as WebGPUBackend).runWebGPUProgram(program, [], 'int32', [
    { type: 'uint32', data: counter },
    { type: 'uint32', data: key },
  ]);
  const out = tf.engine().makeTensorFromTensorInfo(info);
  const words = Array.from(new Uint32Array(((await out.data()) as Int32Array).buffer.slice(0)));
  out.dispose();
  return words;
}

/** S4.3: the three Random123 known answers through the shader's Philox. */
async function kat(backend: string): Promise<string[][]> {
  if (!(await use(backend))) throw new Error(`${backend} did not start`);
  const vectors = [
    [
      [0, 0, 0, 0],
      [0, 0],
    ],
    [
      [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
      [0xffffffff, 0xffffffff],
    ],
    [
      [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
      [0xa4093822, 0x299f31d0],
    ],
  ];
  const hex = (w: number) => w.toString(16).padStart(8, '0');
  const out: string[][] = [];
  for (const [counter, key] of vectors) out.push((await shaderPhilox(backend, counter, key)).map(hex));
  return out;
}

/** n inputs mostly in [-2, 2], some up to 64, exact zeros, tiny magnitudes, one NaN (S2.6, S2.7). */
function inputs(n: number): Float32Array {
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    if (i % 11 === 0) x[i] = 0;
    else if (i % 13 === 0) x[i] = (i % 2 ? -1 : 1) * 1e-7;
    else if (i % 17 === 0) x[i] = 64 * Math.sin(i * 12.9898 + 78.233);
    else x[i] = 2 * Math.sin(i * 12.9898 + 78.233);
  }
  if (n > 7) x[7] = Number.NaN;
  return x;
}

/** S2.1-S2.3 in float64, written from the spec: y = x * (1 + n * g). */
function reference(x: number, m: number, rate: number, q: number, epsilon: number): number {
  const n = m / (1 - rate) - 1;
  return x * (1 + n * (Math.abs(x) + epsilon) ** ((q - 2) / 2));
}

interface Agreement {
  n: number;
  maskMismatches: number;
  firstMismatch: number;
  worstRelative: number;
  badSpecial: number;
}

/** Compares y against the float64 reference (S2.8: relative 1e-5, absolute 1e-6 near zero). */
function agreement(
  x: Float32Array,
  mask: Uint8Array,
  expected: Uint8Array,
  y: Float32Array,
  rate: number,
  q: number,
): Agreement {
  let maskMismatches = 0;
  let firstMismatch = -1;
  let worstRelative = 0;
  let badSpecial = 0;
  for (let i = 0; i < x.length; i++) {
    if (mask[i] !== expected[i]) {
      maskMismatches++;
      if (firstMismatch < 0) firstMismatch = i;
    }
    if (Number.isNaN(x[i])) {
      if (!Number.isNaN(y[i])) badSpecial++;
      continue;
    }
    if (x[i] === 0) {
      if (y[i] !== 0) badSpecial++;
      continue;
    }
    const want = reference(x[i], expected[i], rate, q, 1e-12);
    const error = Math.abs(y[i] - want);
    if (!(error <= 1e-6)) worstRelative = Math.max(worstRelative, error / Math.abs(want));
  }
  return { n: x.length, maskMismatches, firstMismatch, worstRelative, badSpecial };
}

/** S4.2, S2.8: seeded masks at `sizes` against core's, and values against the reference. */
async function seeded(backend: string, sizes: number[], rate: number, q: number): Promise<Agreement[]> {
  if (!(await use(backend))) throw new Error(`${backend} did not start`);
  const results: Agreement[] = [];
  for (const n of sizes) {
    const seed = 0x1234_5678_9abc + n;
    const step = 7;
    const x = inputs(n);
    const expected = bernoulliMask(n, rate, { seed, step });
    const xt = tf.tensor1d(x);
    const [y, mask] = tf.tidy(() => {
      const outputs = tf.engine().runKernel('Sparseout', { x: xt }, {
        rate,
        q,
        epsilon: 1e-12,
        gradient: 'reference',
        seedLo: seed % 2 ** 32,
        seedHi: Math.floor(seed / 2 ** 32),
        stepLo: step,
        stepHi: 0,
        noiseShape: [n],
      } as never) as tf.Tensor[];
      return outputs;
    });
    const op = sparseout(xt, { rate, q, seed, step });
    const [yData, maskData, opData] = await Promise.all([y.data(), mask.data(), op.data()]);
    const result = agreement(x, maskData as Uint8Array, expected, yData as Float32Array, rate, q);
    // The public op takes the same path: same values bit for bit.
    const opY = opData as Float32Array;
    for (let i = 0; i < n; i++) if (!Object.is(opY[i], (yData as Float32Array)[i])) result.badSpecial++;
    results.push(result);
    tf.dispose([xt, y, mask, op]);
  }
  return results;
}

/** S4.1: noise-shaped seeded masks equal core's cells broadcast over x. */
async function noiseShapes(
  backend: string,
): Promise<{ shape: number[]; noiseShape: number[]; mismatches: number; valueErrors: number }[]> {
  if (!(await use(backend))) throw new Error(`${backend} did not start`);
  const cases: [number[], number[]][] = [
    [
      [6, 10],
      [1, 10],
    ],
    [
      [6, 10],
      [6, 1],
    ],
    [
      [2, 3, 4],
      [2, 1, 4],
    ],
    [
      [2, 3, 4, 5],
      [1, 3, 1, 5],
    ],
    [
      [3, 1, 5],
      [1, 1, 5],
    ],
    [
      [33, 17],
      [1, 1],
    ],
    // No broadcasting at rank >= 2 (webgl's packed programs; odd sizes leave partial texels).
    [
      [33, 17],
      [33, 17],
    ],
    [
      [2, 5, 7],
      [2, 5, 7],
    ],
  ];
  const out = [];
  for (const [shape, noiseShape] of cases) {
    const n = shape.reduce((p, s) => p * s, 1);
    const cellCount = noiseShape.reduce((p, s) => p * s, 1);
    const rate = 0.4;
    const q = 1.5;
    const cells = bernoulliMask(cellCount, rate, { seed: 99, step: 3 });
    const expected = new Uint8Array(n);
    broadcastCells(cells, noiseShape, shape, expected);
    const x = inputs(n);
    const xt = tf.tensor(x, shape);
    const [y, mask] = tf.engine().runKernel('Sparseout', { x: xt }, {
      rate,
      q,
      epsilon: 1e-12,
      gradient: 'reference',
      seedLo: 99,
      seedHi: 0,
      stepLo: 3,
      stepHi: 0,
      noiseShape,
    } as never) as tf.Tensor[];
    // The same cells given explicitly (a bool mask in the noise shape) must give the same outputs.
    const cellTensor = tf.tensor(cells, noiseShape, 'bool');
    const viaCells = sparseoutWithMask(xt, cellTensor, { rate, q });
    const [maskData, yData, cellsY] = await Promise.all([mask.data(), y.data(), viaCells.data()]);
    const a = agreement(x, maskData as Uint8Array, expected, yData as Float32Array, rate, q);
    let valueErrors = a.badSpecial + (a.worstRelative > 1e-5 ? 1 : 0);
    for (let i = 0; i < n; i++)
      if (!Object.is((cellsY as Float32Array)[i], (yData as Float32Array)[i])) valueErrors++;
    out.push({ shape, noiseShape, mismatches: a.maskMismatches, valueErrors });
    tf.dispose([xt, y, mask, cellTensor, viaCells]);
  }
  return out;
}

/** S3: tf.grad through the fused kernels against the float64 reference, both modes. */
async function gradients(
  backend: string,
): Promise<{ gradient: string; q: number; worstRelative: number; nonFinite: number }[]> {
  if (!(await use(backend))) throw new Error(`${backend} did not start`);
  const out = [];
  const n = 4099;
  const x = inputs(n);
  const rate = 0.5;
  for (const gradient of ['reference', 'exact'] as const) {
    for (const q of [0, 1.5, 2, 3]) {
      const xt = tf.tensor1d(x);
      const dyValues = x.map((_, i) => ((i % 7) - 3) / 4);
      const dy = tf.tensor1d(dyValues);
      const f = (t: tf.Tensor) => sparseout(t, { rate, q, seed: 5, step: 1, gradient });
      const dx = tf.grad(f)(xt, dy);
      const mask = bernoulliMask(n, rate, { seed: 5, step: 1 });
      const got = (await dx.data()) as Float32Array;
      let worstRelative = 0;
      let nonFinite = 0;
      const slope = gradient === 'exact' ? q / 2 : 1;
      for (let i = 0; i < n; i++) {
        // S3.1 / S3.2 in float64: dx = dy * (1 + n * slope * g(x)); at x = NaN that is NaN, but
        // for q = 2 (g = NaN^0 = 1) it is finite, as core's kernels give.
        const m = mask[i] / (1 - rate) - 1;
        const exact = dyValues[i] * (1 + m * slope * (Math.abs(x[i]) + 1e-12) ** ((q - 2) / 2));
        if (Number.isNaN(exact)) {
          if (!Number.isNaN(got[i])) nonFinite++;
          continue;
        }
        if (!Number.isFinite(got[i])) nonFinite++;
        const error = Math.abs(got[i] - exact);
        if (!(error <= 1e-6)) worstRelative = Math.max(worstRelative, error / Math.abs(exact));
      }
      out.push({ gradient, q, worstRelative, nonFinite });
      tf.dispose([xt, dy, dx]);
    }
  }
  return out;
}

/**
 * S3, second order: tf.grad of tf.grad at rank 5 (beyond the GPU backends' Where) through an
 * explicit mask; h(x) = sum(d/dx sum(y^2)) = sum(2 y c), whose gradient is 2 c^2 + 2 y c' in
 * float64 (c = 1 + n * s * g, c' = n * s * g', S3 differentiated with the mask held fixed).
 */
async function secondOrder(backend: string): Promise<{ got: number[]; expected: number[] }> {
  if (!(await use(backend))) throw new Error(`${backend} did not start`);
  const shape = [2, 3, 1, 4, 5];
  const n = 120;
  const x = Float32Array.from({ length: n }, (_, i) =>
    i % 11 === 0 ? 0.25 : 2 * Math.sin(i * 12.9898 + 78.233),
  );
  const mask = Int32Array.from({ length: n }, (_, i) => (i % 3 === 1 ? 0 : 1));
  const [rate, q, epsilon] = [0.3, 1.5, 1e-12];
  const options = { rate, q, epsilon, gradient: 'exact' as const };
  const xt = tf.tensor(x, shape);
  const maskTensor = tf.tensor(mask, shape, 'int32');
  const firstOrder = (t: tf.Tensor) =>
    tf.grad((u: tf.Tensor) => tf.sum(tf.square(sparseoutWithMask(u, maskTensor, options))))(t);
  const dx2 = tf.grad((t: tf.Tensor) => tf.sum(firstOrder(t)))(xt);
  const got = Array.from(await dx2.data());
  tf.dispose([xt, maskTensor, dx2]);
  const [slope, p] = [q / 2, (q - 2) / 2];
  const expected = Array.from(x, (v, i) => {
    const noise = mask[i] ? rate / (1 - rate) : -1;
    const base = Math.abs(v) + epsilon;
    const y = v * (1 + noise * base ** p);
    const c = 1 + noise * slope * base ** p;
    return 2 * c * c + 2 * y * noise * slope * p * base ** (p - 1) * Math.sign(v);
  });
  return { got, expected };
}

/** model.fit with Sparseout layers: runs on the fused kernels, losses finite and falling. */
async function fit(backend: string): Promise<{ fused: boolean; losses: number[] }> {
  if (!(await use(backend))) throw new Error(`${backend} did not start`);
  const model = tfl.sequential();
  model.add(tfl.layers.dense({ units: 32, activation: 'relu', inputShape: [8] }));
  model.add(sparseoutLayer({ rate: 0.3, q: 1.5, seed: 11 }));
  model.add(tfl.layers.dense({ units: 32, activation: 'relu' }));
  model.add(sparseoutLayer({ rate: 0.3, q: 1.5, seed: 12, noiseShape: [1, 32] }));
  model.add(tfl.layers.dense({ units: 1 }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  const xs = tf.tensor2d(
    Array.from({ length: 256 * 8 }, (_, i) => Math.sin(i * 0.37)),
    [256, 8],
  );
  const ys = tf.tidy(() => tf.div(tf.sum(xs, 1, true), 4));
  const history = await model.fit(xs, ys, { epochs: 12, batchSize: 64, shuffle: false, verbose: 0 });
  tf.dispose([xs, ys]);
  model.dispose();
  return { fused: hasFusedKernel(backend), losses: history.history.loss as number[] };
}

/** S2.6, S2.7, S3.4 on float16 textures: zeros stay zero, NaN stays put, gradients finite. */
async function float16(): Promise<{
  f16: boolean;
  badZeros: number;
  badNaN: number;
  nonFiniteY: number;
  nonFiniteDx: number;
}> {
  if (!(await use('webgl'))) throw new Error('webgl did not start');
  const f16 = !tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
  const n = 4096;
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = i % 4 === 0 ? 0 : i % 4 === 1 ? 1e-7 * (i % 3) : Math.sin(i) * 3;
  x[5] = Number.NaN;
  let badZeros = 0;
  let badNaN = 0;
  let nonFiniteY = 0;
  let nonFiniteDx = 0;
  for (const q of [0, 0.5, 1, 1.5, 2, 3]) {
    for (const rate of [0.1, 0.5, 0.9]) {
      const xt = tf.tensor1d(x);
      const y = sparseout(xt, { rate, q, seed: 3 });
      const dx = tf.grad((t: tf.Tensor) => sparseout(t, { rate, q, seed: 3 }))(xt);
      const [yd, dxd] = (await Promise.all([y.data(), dx.data()])) as Float32Array[];
      for (let i = 0; i < n; i++) {
        if (i === 5) {
          if (!Number.isNaN(yd[i])) badNaN++;
          continue;
        }
        if (x[i] === 0 && yd[i] !== 0) badZeros++;
        if (!Number.isFinite(yd[i])) nonFiniteY++;
        if (!Number.isFinite(dxd[i])) nonFiniteDx++;
      }
      tf.dispose([xt, y, dx]);
    }
  }
  return { f16, badZeros, badNaN, nonFiniteY, nonFiniteDx };
}

/** The WebGL version of the webgl backend's context. */
async function webglVersion(): Promise<number> {
  if (!(await use('webgl'))) throw new Error('webgl did not start');
  return tf.env().getNumber('WEBGL_VERSION');
}

/** Whether this page has a WebGPU adapter, and which. */
async function webgpuAdapter(): Promise<string | null> {
  const gpu = page.navigator.gpu;
  if (!gpu) return null;
  const adapter = (await gpu.requestAdapter()) as {
    info?: { vendor?: string; architecture?: string };
  } | null;
  return adapter ? `${adapter.info?.vendor ?? '?'} ${adapter.info?.architecture ?? ''}`.trim() : null;
}

Object.assign(globalThis, {
  __sparseoutBrowserTests: {
    kat,
    seeded,
    noiseShapes,
    gradients,
    secondOrder,
    fit,
    float16,
    webgpuAdapter,
    webglVersion,
  },
});
