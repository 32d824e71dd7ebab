import { sparseoutForward } from '@sparseout/core';
import '@sparseout/testkit/matchers';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { halfBitsToNumber } from './float16.js';
import { weights } from './models.testkit.js';
import { type FloatType, sparseoutOpModel } from './op-models.js';
import { configureWasm, createSparseoutSession } from './session.js';

beforeAll(() => configureWasm({ numThreads: 1 }));

async function runOp(
  dtype: FloatType,
  q: number,
  feeds: { data: ort.Tensor; rate: number; training: boolean; mask?: Uint8Array },
) {
  const session = await createSparseoutSession(
    sparseoutOpModel({ dtype, q, explicitMask: feeds.mask !== undefined }),
  );
  const ratioData =
    dtype === 'float64'
      ? Float64Array.of(feeds.rate)
      : dtype === 'float16'
        ? Uint16Array.of(toHalfBits(feeds.rate))
        : Float32Array.of(feeds.rate);
  const inputs: Record<string, ort.Tensor> = {
    data: feeds.data,
    ratio: new ort.Tensor(dtype, ratioData, []),
    training_mode: new ort.Tensor('bool', [feeds.training], []),
  };
  if (feeds.mask) inputs.mask = new ort.Tensor('bool', feeds.mask, feeds.data.dims);
  const out = await session.run(inputs);
  await session.release();
  return { output: out.output, mask: (out.mask_out.data as Uint8Array).slice() };
}

describe('Sparseout function body on ORT-web wasm', () => {
  const x = Float32Array.from(weights(4096, 7, 3));
  x[0] = 0;

  // q 0, 1, 1.5, 2, 2.5, 3, 4 take the square-root branches of the gain; 0.5 and 3.7 take Pow.
  for (const q of [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.7, 4]) {
    it(`S2.3 the sampled overload's output is core's forward with the mask it reports (float32, q ${q})`, async () => {
      const { output, mask } = await runOp('float32', q, {
        data: new ort.Tensor('float32', x, [64, 64]),
        rate: 0.4,
        training: true,
      });
      expect(output.dims).toEqual([64, 64]);
      const dropped = mask.reduce((n, m) => n + (m ? 0 : 1), 0);
      // 4096 Bernoulli(0.4) draws: mean 1638.4, sd 31.4; +-8 sd, false-failure rate < 1e-14.
      expect(Math.abs(dropped - 1638.4)).toBeLessThan(8 * 31.4);
      const want = sparseoutForward(Float64Array.from(x), mask, { rate: 0.4, q });
      expect(output.data as Float32Array).toAgree(want);
    });
  }

  /** Runs x [4096] (float32) through the op, expects x back and returns the mask it reports. */
  async function expectIdentity(q: number, rate: number, training: boolean, mask?: Uint8Array) {
    const data = new ort.Tensor('float32', x, [4096]);
    const out = await runOp('float32', q, mask ? { data, rate, training, mask } : { data, rate, training });
    expect(out.output.data).toEqual(x);
    return out.mask;
  }

  it('S2.4 training_mode false is the identity and reports an all-kept mask', async () => {
    const mask = await expectIdentity(0.5, 0.5, false);
    expect(mask.every((m) => m === 1)).toBe(true);
  });

  it('S2.4 the sampled overload at rate 0 while training is the identity and keeps every unit', async () => {
    // q 1.5 takes a square-root branch of the gain, 0.5 takes Pow: both must give n * g = 0.
    for (const q of [1.5, 0.5]) {
      const mask = await expectIdentity(q, 0, true);
      expect(mask.every((m) => m === 1)).toBe(true);
    }
  });

  it('S2.4 the masked overload is the identity when training_mode is false or the rate is 0', async () => {
    const keep = Uint8Array.from(x, (_, i) => i % 2);
    for (const [rate, training] of [
      [0.5, false],
      [0, true],
    ] as const) {
      await expectIdentity(0.5, rate, training, keep);
    }
  });

  it('S2.8 float64 in, float64 out, equal to core within 1e-12 (masked overload)', async () => {
    const x64 = Float64Array.from(x);
    const keep = Uint8Array.from(x, (_, i) => (i % 3 === 0 ? 0 : 1));
    const { output } = await runOp('float64', 1.5, {
      data: new ort.Tensor('float64', x64, [4096]),
      rate: 0.25,
      training: true,
      mask: keep,
    });
    expect(output.type).toBe('float64');
    expect(output.data as Float64Array).toAgree(sparseoutForward(x64, keep, { rate: 0.25, q: 1.5 }), {
      rel: 1e-12,
      abs: 1e-15,
    });
  });

  it('float16 runs on the wasm EP and matches core to float16 precision for q >= 1 and |x| >= 0.1', async () => {
    const values = Float64Array.from({ length: 256 }, (_, i) => (i % 2 ? -1 : 1) * (0.1 + i / 64));
    const halves = Uint16Array.from(values, (v) => toHalfBits(v));
    const exact = Float64Array.from(halves, halfBitsToNumber);
    const keep = Uint8Array.from(values, (_, i) => (i % 4 === 0 ? 0 : 1));
    for (const q of [1, 2, 3]) {
      const { output } = await runOp('float16', q, {
        data: new ort.Tensor('float16', halves, [256]),
        rate: 0.5,
        training: true,
        mask: keep,
      });
      expect(output.type).toBe('float16');
      const got = Float64Array.from(output.data as Uint16Array, halfBitsToNumber);
      expect(got).toAgree(sparseoutForward(exact, keep, { rate: 0.5, q }), { rel: 4e-3, abs: 1e-3 });
    }
  });

  it('S2.8 the sampled overload keeps empty and scalar shapes (its noise is reshaped back to data)', async () => {
    for (const dims of [[0], [2, 0, 3], []]) {
      const size = dims.reduce((a, b) => a * b, 1);
      const data = Float32Array.from({ length: size }, () => -1.5);
      const { output, mask } = await runOp('float32', 1.5, {
        data: new ort.Tensor('float32', data, dims),
        rate: 0.5,
        training: true,
      });
      expect(output.dims).toEqual(dims);
      expect(mask.length).toBe(size);
      const want = sparseoutForward(Float64Array.from(data), mask, { rate: 0.5, q: 1.5 });
      expect(output.data as Float32Array).toAgree(want);
    }
  });

  it('S2.8 the sampled overload in float64 and float16 is core forward with the mask it reports', async () => {
    const x64 = Float64Array.from(x);
    const sampled64 = await runOp('float64', 1.5, {
      data: new ort.Tensor('float64', x64, [4096]),
      rate: 0.3,
      training: true,
    });
    expect(sampled64.output.type).toBe('float64');
    const want64 = sparseoutForward(x64, sampled64.mask, { rate: 0.3, q: 1.5 });
    expect(sampled64.output.data as Float64Array).toAgree(want64, { rel: 1e-12, abs: 1e-15 });

    const values = Float64Array.from({ length: 256 }, (_, i) => (i % 2 ? -1 : 1) * (0.1 + i / 64));
    const halves = Uint16Array.from(values, (v) => toHalfBits(v));
    const exact = Float64Array.from(halves, halfBitsToNumber);
    for (const q of [1, 2, 3]) {
      const { output, mask } = await runOp('float16', q, {
        data: new ort.Tensor('float16', halves, [256]),
        rate: 0.5,
        training: true,
      });
      expect(output.type).toBe('float16');
      const got = Float64Array.from(output.data as Uint16Array, halfBitsToNumber);
      expect(got).toAgree(sparseoutForward(exact, mask, { rate: 0.5, q }), { rel: 4e-3, abs: 1e-3 });
    }
  });

  it('float16 limitation (README): with q < 2, x = 0 gives NaN because epsilon 1e-12 underflows', async () => {
    const { output } = await runOp('float16', 1, {
      data: new ort.Tensor('float16', Uint16Array.of(0, 0x3c00), [2]),
      rate: 0.5,
      training: true,
      mask: Uint8Array.of(1, 1),
    });
    const got = Array.from(output.data as Uint16Array, halfBitsToNumber);
    expect(Number.isNaN(got[0])).toBe(true);
    expect(got[1]).toBeCloseTo(2, 2);
  });
});

/** Nearest float16 bits of v (round half to even is not needed for these test values). */
function toHalfBits(v: number): number {
  const sign = v < 0 ? 0x8000 : 0;
  const a = Math.abs(v);
  if (a === 0) return sign;
  const exponent = Math.floor(Math.log2(a));
  const fraction = Math.round((a / 2 ** exponent - 1) * 1024);
  return sign | ((exponent + 15) << 10) | fraction;
}
