import { withSeededMathRandom } from '@sparseout/testkit';
import '@sparseout/testkit/matchers';
import type { NeuralNetwork } from 'brain.js';
import { describe, expect, it } from 'vitest';
import { brain } from './brain.js';
import { SparseoutNeuralNetwork } from './sparseout-neural-network.js';

const XOR = [
  { input: [0, 0], output: [0] },
  { input: [0, 1], output: [1] },
  { input: [1, 0], output: [1] },
  { input: [1, 1], output: [0] },
];

const ACTIVATIONS = ['sigmoid', 'relu', 'leaky-relu', 'tanh'] as const;

/**
 * Sparseout with its noise switched off: probability 1e-300 and q 2 give n = 1e-300 and g = 1, so
 * y = x exactly, while SparseoutNeuralNetwork still trains through its own forward and backward
 * passes (probability 0 would hand the pattern to brain.js's trainPattern instead).
 */
const NOISE_OFF = { probability: 1e-300, q: 2, seed: 1 };

function runAll(net: NeuralNetwork<number[], number[]>): number[] {
  return XOR.map((d) => (net.run(d.input) as unknown as Float32Array)[0]);
}

/** Trains from the same seeded initial weights (brain.js draws them with Math.random). */
function trainedOutputs(net: NeuralNetwork<number[], number[]>): number[] {
  withSeededMathRandom(5, () => net.train(XOR, { iterations: 60, errorThresh: 1e-9, learningRate: 0.05 }));
  return runAll(net);
}

describe('SparseoutNeuralNetwork activation options', () => {
  for (const activation of ACTIVATIONS) {
    it(`S2.3 with the noise off, training with activation '${activation}' (leakyReluAlpha 0.1) follows brain.NeuralNetwork's`, () => {
      const options = { hiddenLayers: [6], activation, leakyReluAlpha: 0.1 };
      const plain = trainedOutputs(new brain.NeuralNetwork(options) as NeuralNetwork<number[], number[]>);
      const sparse = trainedOutputs(new SparseoutNeuralNetwork({ ...options, sparseout: NOISE_OFF }));
      // Not bit for bit: the training passes round differently from brain.js's (float32 error sums).
      expect(sparse).toAgree(plain);
    });
  }

  it('S2.4 probability 0 trains bit for bit like brain.NeuralNetwork, for each activation', () => {
    for (const activation of ACTIVATIONS) {
      const options = { hiddenLayers: [6], activation, leakyReluAlpha: 0.1 };
      const plain = trainedOutputs(new brain.NeuralNetwork(options) as NeuralNetwork<number[], number[]>);
      const rateZero = { probability: 0, q: 1, seed: 1 };
      expect(trainedOutputs(new SparseoutNeuralNetwork({ ...options, sparseout: rateZero }))).toEqual(plain);
    }
  });

  it("S2.3 a second train with another activation in its options trains the one run computes, as brain.js's does", () => {
    // brain.js picks run's activation once, when the net is initialized; a later train option
    // `activation` changes the saved option but not what run and training compute.
    const retrained = (net: NeuralNetwork<number[], number[]>) => {
      withSeededMathRandom(5, () => net.train(XOR, { iterations: 5 }));
      net.train(XOR, { iterations: 60, errorThresh: 1e-9, learningRate: 0.05, activation: 'tanh' });
      return runAll(net);
    };
    const plain = retrained(
      new brain.NeuralNetwork({ hiddenLayers: [6] }) as NeuralNetwork<number[], number[]>,
    );
    const sparse = retrained(new SparseoutNeuralNetwork({ hiddenLayers: [6], sparseout: NOISE_OFF }));
    expect(sparse).toAgree(plain);
  });
});
