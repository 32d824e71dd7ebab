import { withSeededMathRandom } from '@sparseout/testkit';
import { describe, expect, it } from 'vitest';
import { brain } from './brain.js';
import { SparseoutNeuralNetwork } from './sparseout-neural-network.js';

/**
 * brain.js's classic usage with objects (hashes) of named values, as its README has it: written
 * without type arguments, as a user of brain.NeuralNetwork writes it, so `pnpm typecheck` checks that
 * SparseoutNeuralNetwork takes the same data as brain.NeuralNetwork.
 */
const COLOURS = [
  { input: { r: 0.03, g: 0.7, b: 0.5 }, output: { black: 1 } },
  { input: { r: 0.16, g: 0.09, b: 0.2 }, output: { white: 1 } },
  { input: { r: 0.5, g: 0.5, b: 1.0 }, output: { white: 1 } },
];

/** run's answer by name (run is typed with brain.js's union of data shapes when no type arguments are given). */
const named = (output: unknown) => output as Record<string, number>;

describe('SparseoutNeuralNetwork with objects of named values', () => {
  it('trains on objects, runs on a partial object and answers by name, as brain.NeuralNetwork does', () => {
    const net = new SparseoutNeuralNetwork({
      hiddenLayers: [4],
      sparseout: { probability: 0.2, q: 1, seed: 5 },
    });
    withSeededMathRandom(3, () => net.train(COLOURS, { iterations: 3000, errorThresh: 0.005 }));
    const output = named(net.run({ r: 0.03, g: 0.7, b: 0.5 }));
    expect(Object.keys(output).sort()).toEqual(['black', 'white']);
    expect(output.black).toBeGreaterThan(output.white);
    expect(brain.likely({ r: 0.5, g: 0.5, b: 1 }, net)).toBe('white');
    // A key missing from the input counts as 0, as in brain.js.
    expect(net.run({ r: 0.16, g: 0.09 })).toEqual(net.run({ r: 0.16, g: 0.09, b: 0 }));

    const json = JSON.parse(JSON.stringify(net.toJSON()));
    const plain = new brain.NeuralNetwork().fromJSON(json);
    const restored = new SparseoutNeuralNetwork().fromJSON(json);
    for (const { input } of COLOURS) {
      expect(plain.run(input)).toEqual(net.run(input));
      expect(restored.run(input)).toEqual(net.run(input));
    }
    expect(restored.sparseoutStep).toBe(net.sparseoutStep);
  });
});
