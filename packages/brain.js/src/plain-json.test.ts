import { withSeededMathRandom } from '@sparseout/testkit';
import { describe, expect, it } from 'vitest';
import { brain } from './brain.js';
import { SparseoutNeuralNetwork } from './sparseout-neural-network.js';
import { SparseoutLSTM, SparseoutLSTMTimeStep } from './sparseout-recurrent-nets.js';

/**
 * Fine-tuning a net trained by plain brain.js with Sparseout: its JSON has no saved Sparseout
 * settings, so the Sparseout net keeps the `sparseout` option it was given.
 */
const XOR = [
  { input: [0, 0], output: [0] },
  { input: [0, 1], output: [1] },
  { input: [1, 0], output: [1] },
  { input: [1, 1], output: [0] },
];
const SETTINGS = { probability: 0.3, q: 1, seed: 7 };

describe("a plain brain.js net's JSON loaded into a Sparseout net", () => {
  it('SparseoutNeuralNetwork({ sparseout }).fromJSON(plain JSON) keeps the option and trains with Sparseout', () => {
    const plain = new brain.NeuralNetwork({ hiddenLayers: [4] });
    withSeededMathRandom(2, () => plain.train(XOR, { iterations: 10 }));
    const json = JSON.parse(JSON.stringify(plain.toJSON()));
    const net = new SparseoutNeuralNetwork({ sparseout: SETTINGS }).fromJSON(json);
    expect(net.sparseoutSettings).toMatchObject(SETTINGS);
    net.train(XOR, { iterations: 3, errorThresh: 1e-9 });
    expect(net.sparseoutStep).toBe(3 * XOR.length);
    expect(net.toJSON().options).toMatchObject({ sparseout: { ...SETTINGS, step: 3 * XOR.length } });
  });

  it('new SparseoutLSTM({ json: plain JSON, sparseout }) keeps the option and trains with Sparseout', () => {
    const plain = new brain.recurrent.LSTM({ hiddenLayers: [4] });
    withSeededMathRandom(2, () => plain.train(['abc', 'bca'], { iterations: 2 }));
    const json = JSON.parse(JSON.stringify(plain.toJSON()));
    const net = new SparseoutLSTM({ json, sparseout: SETTINGS });
    expect(net.sparseoutSettings).toMatchObject(SETTINGS);
    net.train(['abc', 'bca'], { iterations: 2, errorThresh: 1e-9 });
    expect(net.sparseoutStep).toBe(4);
  });

  it('SparseoutLSTMTimeStep({ sparseout }).fromJSON(plain JSON) keeps the option', () => {
    const plain = new brain.recurrent.LSTMTimeStep({ inputSize: 1, hiddenLayers: [4], outputSize: 1 });
    withSeededMathRandom(2, () => plain.train([[0.1, 0.2, 0.3]], { iterations: 2 }));
    const net = new SparseoutLSTMTimeStep({ sparseout: SETTINGS });
    net.fromJSON(JSON.parse(JSON.stringify(plain.toJSON())));
    expect(net.sparseoutSettings).toMatchObject(SETTINGS);
  });
});
