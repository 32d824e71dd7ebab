import { withSeededMathRandom } from '@sparseout/testkit';
import { FeedForward, layer } from 'brain.js';
import { describe, expect, it } from 'vitest';
import { gather } from './matrix.js';
import { SparseoutFeedForward } from './sparseout-feed-forward.js';
import { type SparseoutLayerSettings, sparseout } from './sparseout-layer.js';

const XOR = [
  { input: [0, 0], output: [0] },
  { input: [0, 1], output: [1] },
  { input: [1, 0], output: [1] },
  { input: [1, 1], output: [0] },
];

function xorNet(settings: SparseoutLayerSettings) {
  return new SparseoutFeedForward({
    inputLayer: () => layer.input({ height: 2 }),
    hiddenLayers: [(input) => sparseout(layer.feedForward({ height: 8 }, input), settings)],
    outputLayer: (input) => layer.output({ height: 1 }, input),
  });
}

function runAll(net: FeedForward): number[] {
  return XOR.map((d) => {
    const out = new Float32Array(1);
    gather(net.run(d.input), out);
    return out[0];
  });
}

/** A copy of `net` with the same initial weights (brain.js draws them with Math.random). */
function twin(net: SparseoutFeedForward, json = net.toJSON()): SparseoutFeedForward {
  return SparseoutFeedForward.fromJSON(JSON.parse(JSON.stringify(json)));
}

describe('SparseoutFeedForward with a sparseout layer', () => {
  it('trains XOR with Sparseout (probability 0.1, q 1) and classifies it', () => {
    const net = xorNet({ probability: 0.1, q: 1, seed: 11 });
    withSeededMathRandom(1, () => net.initialize());
    const status = net.train(XOR, { iterations: 4000, errorThresh: 0.01 });
    expect(status.error).toBeLessThan(0.05);
    const outputs = runAll(net);
    expect(outputs.map((o) => (o > 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0]);
    expect(net.sparseoutLayers[0].step).toBeGreaterThan(0);
  });

  it('S2.4 run is the identity: the layer passes its input through and run is deterministic', () => {
    const net = xorNet({ probability: 0.5, q: 1, seed: 5 });
    net.train(XOR, { iterations: 50 });
    const [layerOf] = net.sparseoutLayers;
    const step = layerOf.step;
    const first = runAll(net);
    expect(runAll(net)).toEqual(first);
    net.run([1, 0]);
    const before = new Float32Array(8);
    const after = new Float32Array(8);
    gather(layerOf.inputLayer.weights, before);
    gather(layerOf.weights, after);
    expect(after).toEqual(before);
    expect(layerOf.step).toBe(step);
  });

  it('round-trips through toJSON/fromJSON: same outputs, settings and step', () => {
    const net = xorNet({ probability: 0.2, q: 1.5, seed: 2n ** 60n, gradient: 'exact' });
    net.train(XOR, { iterations: 200 });
    const json = JSON.parse(JSON.stringify(net.toJSON()));
    const restored = SparseoutFeedForward.fromJSON(json);
    expect(runAll(restored)).toEqual(runAll(net));
    const [a] = net.sparseoutLayers;
    const [b] = restored.sparseoutLayers;
    expect(b).toMatchObject({ probability: 0.2, q: 1.5, gradient: 'exact', seed: 2n ** 60n, step: a.step });
    restored.train(XOR, { iterations: 10 });
    expect(b.step).toBeGreaterThan(a.step as number);
  });

  it('S4.4 the same seed and initial weights train to the same net; another seed differs', () => {
    const a = xorNet({ probability: 0.3, q: 1, seed: 21 });
    a.initialize();
    const b = twin(a);
    const json = a.toJSON();
    json.layers = json.layers.map((l) => (l.type === 'Sparseout' ? { ...l, seed: 22 } : l));
    const c = twin(a, json);
    for (const net of [a, b, c]) net.train(XOR, { iterations: 100 });
    expect(runAll(b)).toEqual(runAll(a));
    expect(runAll(c)).not.toEqual(runAll(a));
  });

  it('S2.4 probability 0 trains bit for bit like brain.FeedForward without the layer', () => {
    type Net = new (options: ConstructorParameters<typeof FeedForward>[0]) => FeedForward;
    const trained = (Net: Net, wrap: (input: ReturnType<typeof layer.relu>) => unknown) => {
      const net = new Net({
        inputLayer: () => layer.input({ height: 2 }),
        hiddenLayers: [(input) => wrap(layer.relu(layer.feedForward({ height: 6 }, input))) as never],
        outputLayer: (input) =>
          layer.target({ height: 1 }, layer.sigmoid(layer.feedForward({ height: 1 }, input))),
      });
      withSeededMathRandom(4, () => net.train(XOR, { iterations: 50, errorThresh: 1e-9 }));
      return runAll(net);
    };
    const plain = trained(FeedForward, (hidden) => hidden);
    expect(
      trained(SparseoutFeedForward, (hidden) => sparseout(hidden, { probability: 0, q: 1, seed: 7 })),
    ).toEqual(plain);
  });

  it('a plain brain.FeedForward refuses to train a Sparseout layer instead of silently skipping it', () => {
    const net = new FeedForward({
      inputLayer: () => layer.input({ height: 2 }),
      hiddenLayers: [
        (input) => sparseout(layer.feedForward({ height: 4 }, input), { probability: 0.5, q: 1 }),
      ],
      outputLayer: (input) => layer.output({ height: 1 }, input),
    });
    expect(() => net.train(XOR, { iterations: 5 })).toThrow(/SparseoutFeedForward/);
  });

  it('S1.4 training data with NaN throws SPARSEOUT_INVALID_INPUT naming the position', async () => {
    const net = xorNet({ probability: 0.5, q: 1, seed: 1 });
    const bad = [...XOR, { input: [0.5, Number.NaN], output: [1] }];
    expect(() => net.train(bad, { iterations: 5 })).toThrow(
      expect.objectContaining({
        code: 'SPARSEOUT_INVALID_INPUT',
        message: expect.stringContaining('data[4].input[1]'),
      }),
    );
    await expect(net.trainAsync(bad, { iterations: 5 })).rejects.toMatchObject({
      code: 'SPARSEOUT_INVALID_INPUT',
    });
  });

  it('trainAsync trains with Sparseout too', async () => {
    const net = xorNet({ probability: 0.1, q: 2, seed: 4 });
    const status = await net.trainAsync(XOR, { iterations: 30 });
    expect(status.iterations).toBe(30);
    expect(net.sparseoutLayers[0].step).toBeGreaterThan(0);
  });
});
