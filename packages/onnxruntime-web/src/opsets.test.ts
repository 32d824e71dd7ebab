import { SparseoutError, sparseoutForward } from '@sparseout/core';
import '@sparseout/testkit/matchers';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeModel, encodeModel } from './codec.js';
import { SPARSEOUT_DOMAIN } from './functions.js';
import { insertSparseout } from './insert-sparseout.js';
import { mcPredict } from './mc-predict.js';
import { exposeValues, type MlpOptions, mlpModel, modelAt, weights } from './models.testkit.js';
import { doubleTensor, floatAttr, makeNode, tensorInfo } from './onnx-builders.js';
import { DataType, int64ToNumber } from './onnx-types.js';
import { replaceDropout } from './replace-dropout.js';
import { seedSparseoutNodes } from './seeded-model.js';
import { configureWasm, createSparseoutSession } from './session.js';
import { setSparseoutTraining, TRAINING_MODE_FLAG } from './training-flag.js';

beforeAll(() => {
  configureWasm({ numThreads: 1 });
  ort.env.logLevel = 'error';
});

/** ai.onnx opsets Sparseout takes: 7 (ORT's lowest) to 21 (ORT-web 1.30 has no random-op kernel at 22). */
const OPSETS = Array.from({ length: 15 }, (_, i) => 7 + i);
const Q = 1.5;
const pixels = () => new ort.Tensor('float32', weights(3 * 16, 9, 1), [3, 16]);

async function run(model: Uint8Array, feeds: Record<string, ort.Tensor>) {
  const session = await createSparseoutSession(model);
  const out = await session.run(feeds);
  await session.release();
  return out;
}

/** Runs `converted` in training (seeded) and checks `dropped` against core's forward of `hidden` with the reported mask. */
async function expectS2(
  converted: Uint8Array,
  rate: number,
  feeds: Record<string, ort.Tensor>,
  maskType: number,
) {
  const exposed = exposeValues(converted, {
    hidden: DataType.FLOAT,
    dropped: DataType.FLOAT,
    drop_mask: maskType,
  });
  const out = await run(seedSparseoutNodes(setSparseoutTraining(exposed, true), 5), feeds);
  const x = out.hidden.data as Float32Array;
  const mask = Uint8Array.from(out.drop_mask.data as ArrayLike<number>, (m) => (m ? 1 : 0));
  const want = sparseoutForward(Float64Array.from(x), mask, { rate, q: Q });
  const got = out.dropped.data as Float32Array;
  const dropped = mask.reduce((n, m) => n + (m ? 0 : 1), 0);
  expect(dropped).toBeGreaterThan(0);
  expect(dropped).toBeLessThan(mask.length);
  expect(got).toAgree(want);
}

describe.each(OPSETS)('ai.onnx opset %i', (opset) => {
  const usesFunction = opset >= 15;
  // Dropout-7/10 carry `ratio` as an attribute; Dropout-12/13 as an input (here an initializer, a
  // Constant node or a graph input) with an optional training_mode input.
  const forms: { label: string; options: MlpOptions; feeds?: () => Record<string, ort.Tensor> }[] =
    opset < 12
      ? [{ label: 'ratio attribute', options: { ratio: 0.3 } }]
      : [
          { label: 'ratio initializer', options: { ratio: 0.3 } },
          {
            label: 'Constant ratio, Constant training_mode true',
            options: { ratio: 0.3, ratioSource: 'constant', trainingMode: 'constant' },
          },
          {
            label: 'ratio graph input',
            options: { ratio: 0.3, ratioSource: 'input' },
            feeds: () => ({ drop_ratio: new ort.Tensor('float32', [0.3], []) }),
          },
        ];

  it.each(forms)(
    'S2.4/S2.3 $label: the opset and IR stay, inference is exact, training is core forward',
    async ({ options, feeds }) => {
      const before = mlpModel({ opset, maskOutput: true, ...options });
      const converted = replaceDropout(before, { q: Q });
      const decoded = decodeModel(converted);
      expect(decoded.opsetImport?.filter((o) => !o.domain).map((o) => int64ToNumber(o.version))).toEqual([
        opset,
      ]);
      expect(int64ToNumber(decoded.irVersion)).toBe(8);
      const nodes = decoded.graph?.node ?? [];
      expect(nodes.some((n) => n.opType === 'Dropout')).toBe(false);
      if (usesFunction) {
        expect(nodes.filter((n) => n.domain === SPARSEOUT_DOMAIN)).toHaveLength(1);
        expect(decoded.functions?.map((f) => f.opsetImport?.map((o) => int64ToNumber(o.version)))).toEqual([
          [opset],
        ]);
      } else {
        expect(nodes.some((n) => n.domain)).toBe(false);
        expect(decoded.functions ?? []).toEqual([]);
        expect(decoded.opsetImport).toHaveLength(1);
      }
      const all = { pixels: pixels(), ...feeds?.() };
      const reference = await run(mlpModel({ opset, noDropout: true }), { pixels: pixels() });
      expect((await run(converted, all)).probs.data).toEqual(reference.probs.data);
      await expectS2(converted, 0.3, all, opset < 10 ? DataType.FLOAT : DataType.BOOL);
    },
  );

  it('S2.4 a Dropout without ratio takes the default 0.5; insertSparseout works at this opset too', async () => {
    const converted = replaceDropout(mlpModel({ opset, maskOutput: true }), { q: Q });
    const reference = await run(mlpModel({ opset, noDropout: true }), { pixels: pixels() });
    expect((await run(converted, { pixels: pixels() })).probs.data).toEqual(reference.probs.data);
    await expectS2(converted, 0.5, { pixels: pixels() }, opset < 10 ? DataType.FLOAT : DataType.BOOL);
    const inserted = insertSparseout(mlpModel({ opset, noDropout: true }), {
      after: 'relu1',
      rate: 0.2,
      q: Q,
    });
    expect((await run(inserted, { pixels: pixels() })).probs.data).toEqual(reference.probs.data);
    const sampled = (await run(setSparseoutTraining(inserted, true), { pixels: pixels() })).probs.data;
    expect(sampled).not.toEqual(reference.probs.data);
  });
});

describe('training_mode forms', () => {
  it('a training_mode graph input is kept and fed: false is the identity, true samples, mcPredict feeds it', async () => {
    for (const opset of [13, 17]) {
      const converted = replaceDropout(mlpModel({ opset, ratio: 0.3, trainingMode: 'input' }), { q: Q });
      const node = decodeModel(converted).graph?.node?.find(
        (n) => n.name === 'drop1' || n.output?.[0] === 'dropped',
      );
      expect(decodeModel(converted).graph?.initializer?.some((t) => t.name === TRAINING_MODE_FLAG)).toBe(
        false,
      );
      if (opset >= 15) expect(node?.input?.[2]).toBe('drop_training');
      const reference = (await run(mlpModel({ opset, noDropout: true }), { pixels: pixels() })).probs.data;
      const off = { pixels: pixels(), drop_training: new ort.Tensor('bool', [false], []) };
      const on = { pixels: pixels(), drop_training: new ort.Tensor('bool', [true], []) };
      expect((await run(converted, off)).probs.data).toEqual(reference);
      expect((await run(converted, on)).probs.data).not.toEqual(reference);
      const session = await createSparseoutSession(converted);
      const mc = await mcPredict(
        session,
        { pixels: pixels() },
        { samples: 20, trainingModeFlag: 'drop_training' },
      );
      await session.release();
      expect(Math.max(...mc.probs.variance)).toBeGreaterThan(0);
    }
  });

  it('a constant training_mode false is wired to the flag too, so mcPredict can still sample', async () => {
    const converted = replaceDropout(
      mlpModel({ opset: 17, ratio: 0.3, trainingMode: 'constant', trainingModeValue: false }),
      { q: Q },
    );
    const session = await createSparseoutSession(converted);
    const mc = await mcPredict(session, { pixels: pixels() }, { samples: 20, seed: 1 });
    await session.release();
    expect(Math.max(...mc.probs.variance)).toBeGreaterThan(0);
  });
});

/** x (double, [64]) -> Dropout (ratio 0.4 as a double Constant) -> y, at `opset`. */
function doubleDropout(opset: number): Uint8Array {
  const nodes =
    opset < 12
      ? [makeNode('Dropout', ['x'], ['y', 'mask'], [floatAttr('ratio', 0.4)], { name: 'drop' })]
      : [
          makeNode('Constant', [], ['ratio'], [{ name: 'value', type: 4, t: doubleTensor('r', [], [0.4]) }]),
          makeNode('Dropout', ['x', 'ratio'], ['y', 'mask'], [], { name: 'drop' }),
        ];
  return modelAt(
    opset,
    {
      name: 'double',
      node: nodes,
      input: [tensorInfo('x', DataType.DOUBLE, [64])],
      output: [
        tensorInfo('y', DataType.DOUBLE, [64]),
        tensorInfo('mask', opset < 10 ? DataType.DOUBLE : DataType.BOOL, [64]),
      ],
    },
    7,
  );
}

describe('float64 Dropouts', () => {
  for (const opset of [7, 11, 13]) {
    it(`S2.8 float64 at opset ${opset} (written out): training is core's float64 forward with the reported mask (1e-12)`, async () => {
      const x = Float64Array.from(weights(64, 17, 3));
      x[0] = 0;
      for (const q of [0.5, 1, 2, 3.7]) {
        const converted = replaceDropout(doubleDropout(opset), { q });
        const feeds = { x: new ort.Tensor('float64', x.slice(), [64]) };
        expect((await run(converted, feeds)).y.data).toEqual(x);
        const out = await run(seedSparseoutNodes(setSparseoutTraining(converted, true), 9), feeds);
        const mask = Uint8Array.from(out.mask.data as ArrayLike<number>, (m) => (m ? 1 : 0));
        // Dropout-7/10's ratio is a float attribute: the model's rate is float32(0.4).
        const want = sparseoutForward(x, mask, { rate: opset < 12 ? Math.fround(0.4) : 0.4, q });
        const got = out.y.data as Float64Array;
        expect(got, `q ${q}`).toAgree(want, { rel: 1e-12, abs: 1e-15 });
      }
    });
  }
});

describe('what cannot be converted', () => {
  it('S1.4 opsets 22 to 26 (ORT-web 1.30 runs them, without a random-op kernel): SparseoutError with the reason', () => {
    for (let opset = 22; opset <= 26; opset++) {
      for (const tool of [
        () => replaceDropout(mlpModel({ opset, ratio: 0.3 }), { q: 1 }),
        () => insertSparseout(mlpModel({ opset, noDropout: true }), { after: 'relu1', rate: 0.3, q: 1 }),
      ]) {
        expect(tool).toThrow(SparseoutError);
        expect(tool).toThrow(new RegExp(`opset ${opset} is not supported.*RandomUniformLike.*7 to 21`));
      }
    }
  });

  it('the reason holds: ORT-web cannot load RandomUniformLike at opset 22 (lift MAX_MODEL_OPSET when it can)', async () => {
    const sampler = (opset: number) =>
      modelAt(
        opset,
        {
          name: 'sampler',
          node: [makeNode('RandomUniformLike', ['x'], ['u'])],
          input: [tensorInfo('x', DataType.FLOAT, [4])],
          output: [tensorInfo('u', DataType.FLOAT, [4])],
        },
        10,
      );
    const feeds = { x: new ort.Tensor('float32', new Float32Array(4), [4]) };
    expect((await run(sampler(21), feeds)).u.dims).toEqual([4]);
    // 1.30 names the missing kernel; 1.18 (the suite's second run) rejects with a bare number
    // (the pointer of its wasm exception), no message.
    const refused = expect(run(sampler(22), feeds)).rejects;
    if (ort.env.versions.web === '1.18.0') await refused.toBeTypeOf('number');
    else await refused.toThrow(/RandomUniformLike\(22\)/);
  });

  it('S1.4 below opset 15, a Dropout whose input type cannot be told: SparseoutError naming the node', () => {
    const bytes = encodeModel({
      irVersion: 8,
      opsetImport: [
        { domain: '', version: 13 },
        { domain: 'com.example', version: 1 },
      ],
      graph: {
        name: 'custom',
        node: [
          makeNode('Mystery', ['x'], ['h'], [], { domain: 'com.example', name: 'mystery' }),
          makeNode('Dropout', ['h'], ['y'], [], { name: 'the_dropout' }),
        ],
        input: [tensorInfo('x', DataType.FLOAT, [4])],
        output: [tensorInfo('y', DataType.FLOAT, [4])],
      },
    });
    expect(() => replaceDropout(bytes, { q: 1 })).toThrow(SparseoutError);
    expect(() => replaceDropout(bytes, { q: 1 })).toThrow(/Dropout "the_dropout".*element type.*"h"/);
    // At opset 15 and later the function is type-generic: the same model converts.
    const at15 = decodeModel(bytes);
    (at15.opsetImport ?? [])[0].version = 15;
    expect(() => replaceDropout(encodeModel(at15), { q: 1 })).not.toThrow();
  });

  it('S1.4 below opset 15, a float16 Dropout: SparseoutError naming the node and the type', () => {
    const bytes = modelAt(13, {
      name: 'half',
      node: [makeNode('Dropout', ['x'], ['y'], [], { name: 'half_dropout' })],
      input: [tensorInfo('x', DataType.FLOAT16, [4])],
      output: [tensorInfo('y', DataType.FLOAT16, [4])],
    });
    expect(() => replaceDropout(bytes, { q: 1 })).toThrow(/Dropout "half_dropout".*element type 10/);
  });

  it('the IR version is raised only where functions need it: to 8 from below, never above', () => {
    const ir7 = decodeModel(replaceDropout(mlpModel({ opset: 15, irVersion: 7 }), { q: 1 }));
    expect(int64ToNumber(ir7.irVersion)).toBe(8);
    const ir10 = decodeModel(replaceDropout(mlpModel({ opset: 21, irVersion: 10 }), { q: 1 }));
    expect(int64ToNumber(ir10.irVersion)).toBe(10);
    const ir3 = decodeModel(replaceDropout(mlpModel({ opset: 7, irVersion: 3, ratio: 0.2 }), { q: 1 }));
    expect(int64ToNumber(ir3.irVersion)).toBe(3);
    // IR 3 lists every initializer among the graph inputs: the added ones are listed too.
    const inputs = new Set(ir3.graph?.input?.map((i) => i.name));
    expect(ir3.graph?.initializer?.filter((t) => !inputs.has(t.name)).map((t) => t.name)).toEqual([
      'w1',
      'b1',
      'w2',
      'b2',
    ]);
    expect(inputs.has(TRAINING_MODE_FLAG)).toBe(true);
  });
});
