import { bernoulliMask, type Seed, sparseoutBackward, sparseoutForward } from '@sparseout/core';
import { withSeededMathRandom } from '@sparseout/testkit';
import '@sparseout/testkit/matchers';
import type { NeuralNetwork } from 'brain.js';
import { describe, expect, it } from 'vitest';
import { brain, brainMajor } from './brain.js';
import { SparseoutNeuralNetwork } from './sparseout-neural-network.js';

const XOR = [
  { input: [0, 0], output: [0] },
  { input: [0, 1], output: [1] },
  { input: [1, 0], output: [1] },
  { input: [1, 1], output: [0] },
];

type Net = SparseoutNeuralNetwork<number[], number[]>;

/** A net whose initial weights come from a seeded Math.random (brain.js draws them with it). */
function seededNet(options: ConstructorParameters<typeof SparseoutNeuralNetwork>[0], weightSeed = 1): Net {
  const net = new SparseoutNeuralNetwork(options) as Net;
  withSeededMathRandom(weightSeed, () => net.train(XOR.slice(0, 1), { iterations: 1, errorThresh: 1e-9 }));
  return net;
}

function runAll(net: NeuralNetwork<number[], number[]>): number[] {
  return XOR.map((d) => (net.run(d.input) as unknown as Float32Array)[0]);
}

/** The private training forward pass, reached for the gradient check. */
function trainingForward(net: Net, input: number[], step: Seed): Float32Array {
  net.sparseoutStep = step;
  const internals = net as unknown as {
    runInputTraining(input: Float32Array, settings: unknown): void;
    calculateDeltasTraining(target: Float32Array, settings: unknown): void;
  };
  internals.runInputTraining(Float32Array.from(input), net.sparseoutSettings);
  return net.outputs[net.outputLayer].slice();
}

describe('SparseoutNeuralNetwork', () => {
  it('S1.4 invalid probability, q or seed throws core SparseoutError at construction', () => {
    expect(() => new SparseoutNeuralNetwork({ sparseout: { probability: 1.5, q: 1 } })).toThrow(
      expect.objectContaining({
        code: 'SPARSEOUT_INVALID_RATE',
        message: 'probability must be in [0, 1), got 1.5',
      }),
    );
    expect(() => new SparseoutNeuralNetwork({ sparseout: { probability: 0.5, q: -2 } })).toThrow(
      expect.objectContaining({ code: 'SPARSEOUT_INVALID_Q' }),
    );
    expect(() => new SparseoutNeuralNetwork({ sparseout: { probability: 0.5, q: 1, seed: 0.5 } })).toThrow(
      expect.objectContaining({ code: 'SPARSEOUT_INVALID_SEED' }),
    );
  });

  it('trains XOR with Sparseout (probability 0.1, q 1) and classifies it', () => {
    const net = seededNet({ hiddenLayers: [8], sparseout: { probability: 0.1, q: 1, seed: 3 } });
    const status = net.train(XOR, { iterations: 20000, errorThresh: 0.01 });
    expect(status.error).toBeLessThan(0.05);
    expect(runAll(net).map((o) => (o > 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0]);
    expect(net.sparseoutStep).toBeGreaterThan(0);
  });

  it('S2.3 the training forward pass applies core sparseoutForward to each hidden layer with one Philox stream', () => {
    const net = seededNet({ hiddenLayers: [5, 4], sparseout: { probability: 0.4, q: 1.5, seed: 77 } });
    trainingForward(net, [0.3, 0.9], 6);
    const stream = bernoulliMask(9, 0.4, { seed: 77, step: 6 });
    const hidden = (net as unknown as { hiddenActivations: Float32Array[] }).hiddenActivations;
    expect(net.outputs[1]).toEqual(sparseoutForward(hidden[1], stream.subarray(0, 5), { rate: 0.4, q: 1.5 }));
    expect(net.outputs[2]).toEqual(sparseoutForward(hidden[2], stream.subarray(5, 9), { rate: 0.4, q: 1.5 }));
  });

  it('S3.1 reference deltas of a hidden layer are core sparseoutBackward of its errors, times the activation slope', () => {
    const net = seededNet({
      hiddenLayers: [5],
      activation: 'sigmoid',
      sparseout: { probability: 0.4, q: 1, seed: 9 },
    });
    trainingForward(net, [0.2, 0.8], 3);
    const internals = net as unknown as {
      calculateDeltasTraining(t: Float32Array, s: unknown): void;
      hiddenActivations: Float32Array[];
      hiddenMasks: Uint8Array[];
    };
    internals.calculateDeltasTraining(Float32Array.from([1]), net.sparseoutSettings);
    const a = internals.hiddenActivations[1];
    const dx = sparseoutBackward(net.errors[1], a, internals.hiddenMasks[1], { rate: 0.4, q: 1 });
    const expected = dx.map((d, i) => d * a[i] * (1 - a[i]));
    expect(internals.hiddenMasks[1]).toEqual(bernoulliMask(5, 0.4, { seed: 9, step: 3 }));
    net.deltas[1].forEach((delta, i) => {
      expect(delta).toBeCloseTo(expected[i], 6);
    });
  });

  for (const [q, gradient] of [
    [2, 'reference'],
    [1, 'exact'],
    [3, 'exact'],
  ] as const) {
    it(`S3 deltas are the loss gradient through mask and gain (q ${q}, ${gradient}), by central differences`, () => {
      const net = seededNet({
        hiddenLayers: [6, 5],
        activation: 'tanh',
        sparseout: { probability: 0.3, q, seed: 5, gradient },
      });
      const input = [0.7, -0.4];
      const target = Float32Array.from([0.25]);
      const loss = () => {
        const out = trainingForward(net, input, 0);
        return 0.5 * (target[0] - out[0]) ** 2;
      };
      trainingForward(net, input, 0);
      (
        net as unknown as { calculateDeltasTraining(t: Float32Array, s: unknown): void }
      ).calculateDeltasTraining(target, net.sparseoutSettings);
      // brain.js deltas are -dL/dz; dL/dW[1][j][0] = -deltas[1][j] * input[0]. Central differences
      // with h = 1e-3 in float32 agree with the true derivative to well under 1% here.
      const analytic = Array.from(net.deltas[1], (delta) => -delta * input[0]);
      const numeric = analytic.map((_, node) => {
        const h = 1e-3;
        const weights = net.weights[1][node];
        const saved = weights[0];
        weights[0] = saved + h;
        const up = loss();
        weights[0] = saved - h;
        const down = loss();
        weights[0] = saved;
        return (up - down) / (2 * h);
      });
      expect(numeric.some((g) => Math.abs(g) > 1e-3)).toBe(true);
      expect(analytic).toAgree(numeric, { rel: 1e-2, abs: 1e-5 });
    });
  }

  it('run is unchanged: it equals brain.NeuralNetwork loaded from the same JSON', () => {
    const net = seededNet({ hiddenLayers: [6], sparseout: { probability: 0.3, q: 1, seed: 8 } });
    net.train(XOR, { iterations: 300 });
    const plain = new brain.NeuralNetwork<number[], number[]>().fromJSON(net.toJSON());
    expect(runAll(net)).toEqual(runAll(plain));
  });

  it('round-trips through toJSON/fromJSON keeping the option, the seed and the step', () => {
    const net = seededNet({ hiddenLayers: [6], sparseout: { probability: 0.25, q: 1.5, seed: 2n ** 62n } });
    net.train(XOR, { iterations: 100 });
    const json = JSON.parse(JSON.stringify(net.toJSON()));
    expect(json.options.sparseout).toEqual({
      probability: 0.25,
      q: 1.5,
      epsilon: 1e-12,
      gradient: 'reference',
      seed: '4611686018427387904',
      step: net.sparseoutStep,
    });
    const restored = new SparseoutNeuralNetwork().fromJSON(json) as Net;
    expect(runAll(restored)).toEqual(runAll(net));
    expect(restored.sparseoutSettings).toMatchObject({ probability: 0.25, q: 1.5, seed: 2n ** 62n });
    expect(restored.sparseoutStep).toBe(net.sparseoutStep);
  });

  it('S4.4 the same seed and initial weights train to the same net; another seed differs', () => {
    const make = (seed: number) =>
      seededNet({ hiddenLayers: [6], sparseout: { probability: 0.3, q: 1, seed } }, 42);
    const [a, b, c] = [make(1), make(1), make(2)];
    for (const net of [a, b, c]) net.train(XOR, { iterations: 200 });
    expect(runAll(b)).toEqual(runAll(a));
    expect(runAll(c)).not.toEqual(runAll(a));
  });

  it('without the option it trains exactly like brain.NeuralNetwork', () => {
    const a = seededNet({ hiddenLayers: [4] });
    const b = new brain.NeuralNetwork<number[], number[]>({ hiddenLayers: [4] });
    withSeededMathRandom(1, () => b.train(XOR.slice(0, 1), { iterations: 1, errorThresh: 1e-9 }));
    a.train(XOR, { iterations: 100 });
    b.train(XOR, { iterations: 100 });
    expect(runAll(a)).toEqual(runAll(b));
  });

  it.runIf(brainMajor === 1)(
    'trainAsync fails on brain.js 1.6.1 exactly as brain.NeuralNetwork fails there',
    async () => {
      // brain.js 1.6.1 calls `new thaw()` on thaw.js 2.1.x, whose CommonJS export is no constructor.
      const plain = new brain.NeuralNetwork({ hiddenLayers: [4] });
      const net = new SparseoutNeuralNetwork({
        hiddenLayers: [4],
        sparseout: { probability: 0.2, q: 1, seed: 1 },
      });
      const message = (error: unknown) => (error as { trainError: Error }).trainError.message;
      const expected = await plain.trainAsync(XOR, { iterations: 2 }).catch(message);
      expect(expected).toMatch(/not a constructor/);
      await expect(net.trainAsync(XOR, { iterations: 2 }).catch(message)).resolves.toBe(expected);
    },
  );

  it.runIf(brainMajor === 2)('trainAsync applies Sparseout too', async () => {
    const net = seededNet({ hiddenLayers: [4], sparseout: { probability: 0.2, q: 1, seed: 1 } });
    const before = net.sparseoutStep;
    const status = await net.trainAsync(XOR, { iterations: 20, errorThresh: 1e-9 });
    expect(status.iterations).toBe(20);
    expect(net.sparseoutStep).toBe((before as number) + 20 * XOR.length);
  });

  it('S1.4 training data with NaN throws SPARSEOUT_INVALID_INPUT instead of training a NaN network', () => {
    const net = new SparseoutNeuralNetwork({ hiddenLayers: [3], sparseout: { probability: 0.2, q: 1 } });
    const bad = [...XOR, { input: [1, 0], output: [Number.NaN] }];
    expect(() => net.train(bad, { iterations: 5 })).toThrow(
      expect.objectContaining({
        code: 'SPARSEOUT_INVALID_INPUT',
        message: expect.stringContaining('data[4].output[0]'),
      }),
    );
  });
});
