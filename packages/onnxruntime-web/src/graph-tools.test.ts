import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeModel } from './codec.js';
import { expectCode } from './errors.testkit.js';
import { SPARSEOUT_DOMAIN } from './functions.js';
import { insertSparseout } from './insert-sparseout.js';
import { ifNode, mlpModel, modelAt, weights } from './models.testkit.js';
import { tensorInfo } from './onnx-builders.js';
import { DataType } from './onnx-types.js';
import { replaceDropout } from './replace-dropout.js';
import { configureWasm, createSparseoutSession } from './session.js';
import { setSparseoutTraining, TRAINING_MODE_FLAG } from './training-flag.js';

beforeAll(() => configureWasm({ numThreads: 1 }));

const pixels = () => new ort.Tensor('float32', weights(3 * 16, 9, 1), [3, 16]);

async function run(model: Uint8Array, training?: boolean) {
  const bytes = training === undefined ? model : setSparseoutTraining(model, training);
  const session = await createSparseoutSession(bytes);
  const out = await session.run({ pixels: pixels() });
  await session.release();
  return out.probs.data as Float32Array;
}

describe('replaceDropout', () => {
  it('turns every Dropout into ai.sparseout::Sparseout with the same inputs, outputs and name', () => {
    const before = mlpModel({ ratio: 0.3 });
    const after = decodeModel(replaceDropout(before, { q: 1.5 }));
    const original = decodeModel(before);
    const nodes = after.graph?.node ?? [];
    expect(nodes.map((n) => n.name)).toEqual(original.graph?.node?.map((n) => n.name));
    const sparseout = nodes.find((n) => n.name === 'drop1');
    expect(sparseout?.opType).toBe('Sparseout');
    expect(sparseout?.domain).toBe(SPARSEOUT_DOMAIN);
    expect(sparseout?.input?.slice(0, 2)).toEqual(['hidden', 'drop_ratio']);
    expect(sparseout?.input?.[2]).toBe(TRAINING_MODE_FLAG);
    expect(sparseout?.output?.[0]).toBe('dropped');
    expect(sparseout?.attribute?.find((a) => a.name === 'q')?.f).toBe(1.5);
    expect(after.functions?.filter((f) => f.name === 'Sparseout')).toHaveLength(1);
    expect(after.opsetImport?.filter((o) => o.domain === SPARSEOUT_DOMAIN)).toHaveLength(1);
  });

  it('leaves every other node, initializer and output unchanged and never mutates its input', () => {
    const before = mlpModel({ ratio: 0.3 });
    const copy = before.slice();
    const after = decodeModel(replaceDropout(before, { q: 1 }));
    expect(before).toEqual(copy);
    const original = decodeModel(before);
    const others = (m: typeof after) => JSON.stringify(m.graph?.node?.filter((n) => n.name !== 'drop1'));
    expect(others(after)).toBe(others(original));
    const originalInitializers = original.graph?.initializer ?? [];
    expect(JSON.stringify(after.graph?.initializer?.slice(0, originalInitializers.length))).toBe(
      JSON.stringify(originalInitializers),
    );
    expect(JSON.stringify(after.graph?.output)).toBe(JSON.stringify(original.graph?.output));
  });

  it('S2.4 the replaced model loads in ORT and computes what it did while training_mode is false', async () => {
    const before = mlpModel({ ratio: 0.3 });
    const original = await run(before);
    expect(await run(replaceDropout(before, { q: 0.5 }))).toEqual(original);
    expect(await run(replaceDropout(before, { q: 0.5 }), false)).toEqual(original);
    const perturbed = await run(replaceDropout(before, { q: 0.5 }), true);
    expect(perturbed).not.toEqual(original);
  });

  it('keeps a Dropout without ratio input on the default 0.5 and keeps an existing mask output', async () => {
    const model = decodeModel(replaceDropout(mlpModel({ maskOutput: true }), { q: 2 }));
    const node = model.graph?.node?.find((n) => n.name === 'drop1');
    expect(node?.input).toEqual(['hidden', 'sparseout_default_ratio', TRAINING_MODE_FLAG]);
    const ratio = model.graph?.initializer?.find((t) => t.name === 'sparseout_default_ratio');
    expect(Array.from(new Float32Array(Uint8Array.from(ratio?.rawData ?? []).buffer))).toEqual([0.5]);
    expect(node?.output).toEqual(['dropped', 'drop_mask']);
    const replaced = replaceDropout(mlpModel({ maskOutput: true }), { q: 2 });
    expect(await run(replaced)).toEqual(await run(mlpModel({ maskOutput: true })));
    expect(await run(replaced, true)).not.toEqual(await run(replaced));
  });

  it('replaces a Dropout inside an If subgraph, which then reads the main graph flag', async () => {
    const bytes = modelAt(17, {
      name: 'with_if',
      node: [ifNode('use_dropout', 'y', 'Dropout', 'Identity')],
      input: [tensorInfo('x', DataType.FLOAT, [64]), tensorInfo('use_dropout', DataType.BOOL, [])],
      output: [tensorInfo('y', DataType.FLOAT, [64])],
    });
    const replaced = replaceDropout(bytes, { q: 1 });
    const inner = decodeModel(replaced).graph?.node?.[0].attribute?.[0].g?.node?.[0];
    expect(inner?.opType).toBe('Sparseout');
    expect(inner?.input?.[2]).toBe(TRAINING_MODE_FLAG);
    const x = new ort.Tensor('float32', weights(64, 3, 1), [64]);
    const feeds = { x, use_dropout: new ort.Tensor('bool', [true], []) };
    const off = await createSparseoutSession(replaced);
    expect((await off.run(feeds)).y.data).toEqual(x.data);
    const on = await createSparseoutSession(setSparseoutTraining(replaced, true));
    expect((await on.run(feeds)).y.data).not.toEqual(x.data);
    await off.release();
    await on.release();
  });

  it('S1.4 rejects bad q, bad epsilon, models without Dropout, old opsets and corrupt bytes', () => {
    const model = mlpModel({ ratio: 0.3 });
    expectCode(() => replaceDropout(model, { q: -1 }), 'SPARSEOUT_INVALID_Q', /q must be .* got -1/);
    expectCode(() => replaceDropout(model, { q: Number.NaN }), 'SPARSEOUT_INVALID_Q', /got NaN/);
    expectCode(() => replaceDropout(model, { q: 2, epsilon: 0 }), 'SPARSEOUT_INVALID_EPSILON', /epsilon/);
    expectCode(
      () => replaceDropout(mlpModel({ noDropout: true }), { q: 2 }),
      'SPARSEOUT_INVALID_INPUT',
      /no Dropout/,
    );
    expectCode(
      () => replaceDropout(mlpModel({ opset: 6 }), { q: 2 }),
      'SPARSEOUT_INVALID_INPUT',
      /opset is too old.*>= 7.*6/,
    );
    expectCode(
      () => replaceDropout(model.subarray(0, model.length - 7), { q: 2 }),
      'SPARSEOUT_INVALID_INPUT',
      /not a valid ONNX/,
    );
    expectCode(() => replaceDropout(new Uint8Array(0), { q: 2 }), 'SPARSEOUT_INVALID_INPUT', /no graph/);
    expectCode(
      () => replaceDropout([1, 2] as unknown as Uint8Array, { q: 2 }),
      'SPARSEOUT_INVALID_INPUT',
      /Uint8Array/,
    );
  });
});

describe('insertSparseout', () => {
  it('inserts after named nodes: consumers keep their names and the model loads in ORT', async () => {
    const before = mlpModel({ noDropout: true });
    const bytes = insertSparseout(before, { after: 'relu1', rate: 0.25, q: 1.5 });
    const model = decodeModel(bytes);
    const nodes = model.graph?.node ?? [];
    expect(nodes.map((n) => n.opType)).toEqual(['Gemm', 'Relu', 'Sparseout', 'Identity', 'Gemm', 'Softmax']);
    const relu = nodes[1];
    const sparseout = nodes[2];
    expect(sparseout.input?.[0]).toBe(relu.output?.[0]);
    expect(sparseout.output?.[0]).toBe('hidden');
    expect(nodes[3].input).toEqual(['hidden']);
    expect(await run(bytes)).toEqual(await run(before));
    expect(await run(bytes, true)).not.toEqual(await run(before));
  });

  it('inserts after every node of an op type, with one function and one opset import', () => {
    const bytes = insertSparseout(mlpModel({ noDropout: true }), { after: ['Gemm'], rate: 0.1, q: 3 });
    const model = decodeModel(bytes);
    expect(model.graph?.node?.filter((n) => n.opType === 'Sparseout')).toHaveLength(2);
    expect(model.functions).toHaveLength(1);
    const twice = decodeModel(insertSparseout(bytes, { after: 'relu1', rate: 0.1, q: 3 }));
    expect(twice.functions).toHaveLength(1);
    expect(twice.opsetImport?.filter((o) => o.domain === SPARSEOUT_DOMAIN)).toHaveLength(1);
    expect(twice.graph?.initializer?.filter((i) => i.name === TRAINING_MODE_FLAG)).toHaveLength(1);
    expect(twice.graph?.input).toEqual(decodeModel(mlpModel()).graph?.input);
  });

  it('S1.4 rejects an unknown after, a rate outside [0, 1), q < 0 and old opsets', () => {
    const model = mlpModel({ noDropout: true });
    expectCode(
      () => insertSparseout(model, { after: 'nope', rate: 0.5, q: 2 }),
      'SPARSEOUT_INVALID_INPUT',
      /"nope"/,
    );
    expectCode(
      () => insertSparseout(model, { after: 'relu1', rate: 1, q: 2 }),
      'SPARSEOUT_INVALID_RATE',
      /rate must be in \[0, 1\), got 1/,
    );
    expectCode(
      () => insertSparseout(model, { after: 'relu1', rate: -0.1, q: 2 }),
      'SPARSEOUT_INVALID_RATE',
      /got -0.1/,
    );
    expectCode(
      () => insertSparseout(model, { after: 'relu1', rate: 0.5, q: -2 }),
      'SPARSEOUT_INVALID_Q',
      /got -2/,
    );
    expectCode(
      () => insertSparseout(model, { after: [], rate: 0.5, q: 2 }),
      'SPARSEOUT_INVALID_INPUT',
      /after/,
    );
    expectCode(
      () => insertSparseout(mlpModel({ opset: 6, noDropout: true }), { after: 'relu1', rate: 0.5, q: 2 }),
      'SPARSEOUT_INVALID_INPUT',
      /opset is too old/,
    );
  });
});
