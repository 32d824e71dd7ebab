import { bernoulliMask, sparseoutBackward, sparseoutForward } from '@sparseout/core';
import { withSeededMathRandom } from '@sparseout/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brain } from './brain.js';
import { mistakenSettings, mistakenValue, typedOrNothing } from './mistaken-values.testkit.js';
import type { SparseoutGraph } from './sparseout-recurrent.js';
import {
  SparseoutGRU,
  SparseoutGRUTimeStep,
  SparseoutLSTM,
  SparseoutLSTMTimeStep,
  SparseoutRNN,
  SparseoutRNNTimeStep,
} from './sparseout-recurrent-nets.js';

/** Short real sentences (character level), and two short series, small enough to train in milliseconds. */
const TEXT = ['the cat sat', 'the dog ran', 'a cat ran'];
const SERIES = [
  [0.1, 0.2, 0.3, 0.4, 0.5],
  [0.5, 0.4, 0.3, 0.2, 0.1],
  [0.2, 0.3, 0.4, 0.5, 0.6],
];

// biome-ignore lint/suspicious/noExplicitAny: the six classes share this test harness.
type AnyNet = any;

interface Case {
  name: string;
  Sparse: new (options?: AnyNet) => AnyNet;
  Plain: new (options?: AnyNet) => AnyNet;
  data: unknown[];
  options: Record<string, unknown>;
  input: unknown;
}

const textOptions = { hiddenLayers: [6, 5] };
const seriesOptions = { inputSize: 1, hiddenLayers: [6, 5], outputSize: 1 };
const CASES: Case[] = [
  {
    name: 'RNN',
    Sparse: SparseoutRNN,
    Plain: brain.recurrent.RNN,
    data: TEXT,
    options: textOptions,
    input: 'the',
  },
  {
    name: 'LSTM',
    Sparse: SparseoutLSTM,
    Plain: brain.recurrent.LSTM,
    data: TEXT,
    options: textOptions,
    input: 'the',
  },
  {
    name: 'GRU',
    Sparse: SparseoutGRU,
    Plain: brain.recurrent.GRU,
    data: TEXT,
    options: textOptions,
    input: 'a c',
  },
  {
    name: 'RNNTimeStep',
    Sparse: SparseoutRNNTimeStep,
    Plain: brain.recurrent.RNNTimeStep,
    data: SERIES,
    options: seriesOptions,
    input: [0.1, 0.2, 0.3],
  },
  {
    name: 'LSTMTimeStep',
    Sparse: SparseoutLSTMTimeStep,
    Plain: brain.recurrent.LSTMTimeStep,
    data: SERIES,
    options: seriesOptions,
    input: [0.1, 0.2, 0.3],
  },
  {
    name: 'GRUTimeStep',
    Sparse: SparseoutGRUTimeStep,
    Plain: brain.recurrent.GRUTimeStep,
    data: SERIES,
    options: seriesOptions,
    input: [0.5, 0.4, 0.3],
  },
];

const SETTINGS = { probability: 0.3, q: 1, seed: 2019 };

/** Constructs and trains with brain.js's Math.random draws (initial weights) seeded. */
function trained(Net: Case['Sparse'], options: Record<string, unknown>, data: unknown[], iterations: number) {
  return withSeededMathRandom(11, () => {
    const net = new Net(options);
    net.train(data, { iterations, errorThresh: 1e-9 });
    return net;
  });
}

/** What a call gives: its value, or the message of what it threw (brain.js's own bugs included). */
function outcome(call: () => unknown): unknown {
  try {
    const value = call();
    return { value: ArrayBuffer.isView(value) ? Array.from(value as Float32Array) : value };
  } catch (error) {
    return { threw: (error as Error).message };
  }
}

/** Every matrix of the model, flattened: the net's weights. */
function weightsOf(net: AnyNet): number[] {
  return net.model.allMatrices.flatMap((m: { weights: Float32Array }) => Array.from(m.weights));
}

function sparseoutStatesOf(equations: { states: { name?: string }[] }[]): number {
  return equations.flatMap((e) => e.states).filter((s) => s.name === 'sparseout').length;
}

describe('Sparseout recurrent nets', () => {
  for (const { name, Sparse, Plain, data, options, input } of CASES) {
    describe(`Sparseout${name}`, () => {
      it('S1.4 invalid settings throw core SparseoutError at construction, null included', () => {
        expect(() => new Sparse({ ...options, sparseout: { probability: 1, q: 1 } })).toThrow(
          expect.objectContaining({
            code: 'SPARSEOUT_INVALID_RATE',
            message: 'probability must be in [0, 1), got 1',
          }),
        );
        expect(() => new Sparse({ ...options, sparseout: { probability: 0.2, q: Number.NaN } })).toThrow(
          expect.objectContaining({ code: 'SPARSEOUT_INVALID_Q' }),
        );
        expect(() => new Sparse({ ...options, sparseout: { probability: 0.2, q: 1, seed: -1 } })).toThrow(
          expect.objectContaining({ code: 'SPARSEOUT_INVALID_SEED' }),
        );
        expect(() => new Sparse({ ...options, sparseout: null })).toThrow(
          expect.objectContaining({ code: 'SPARSEOUT_INVALID_RATE' }),
        );
      });

      it('trains with one Sparseout state per hidden layer per time step, none in the run graph', () => {
        const net = trained(Sparse, { ...options, sparseout: SETTINGS }, data, 3);
        expect(net.sparseoutStep).toBe(3 * data.length);
        const graph = net.sparseoutGraph as SparseoutGraph;
        expect(graph.states.length).toBe(graph.equations.length);
        for (const states of graph.states) expect(states.map((s) => s.left.weights.length)).toEqual([6, 5]);
        expect(sparseoutStatesOf(graph.equations)).toBe(2 * graph.equations.length);
        expect(sparseoutStatesOf(net.model.equations)).toBe(0);
        expect(Number.isFinite(net.train(data, { iterations: 1 }).error)).toBe(true);
      });

      it('S2.4 run, forecast, test and toFunction equal a plain brain.js net loaded from its JSON', () => {
        const net = trained(Sparse, { ...options, sparseout: SETTINGS }, data, 20);
        const json = JSON.parse(JSON.stringify(net.toJSON()));
        expect(json.type).toBe(name);
        const plain = new Plain();
        plain.fromJSON(json);
        const step = net.sparseoutStep;
        expect(outcome(() => net.run(input))).toEqual(outcome(() => plain.run(input)));
        expect(outcome(() => net.run(input))).toEqual(outcome(() => net.run(input)));
        if (name.endsWith('TimeStep')) {
          expect(outcome(() => net.forecast(input, 3))).toEqual(outcome(() => plain.forecast(input, 3)));
          expect(outcome(() => net.toFunction()(input))).toEqual(outcome(() => plain.run(input)));
        } else {
          // brain.js 2.0.0-beta.24's RNN toFunction throws (its source calls an undefined `zeros`);
          // whatever brain.js gives, the Sparseout net gives the same.
          expect(outcome(() => net.toFunction()(input))).toEqual(outcome(() => plain.toFunction()(input)));
        }
        expect(net.sparseoutStep).toBe(step);
      });

      it('round-trips through toJSON/fromJSON keeping the settings, the seed and the step', () => {
        const net = trained(Sparse, { ...options, sparseout: { ...SETTINGS, seed: 2n ** 60n } }, data, 2);
        const json = JSON.parse(JSON.stringify(net.toJSON()));
        expect(json.options.sparseout).toEqual({
          probability: 0.3,
          q: 1,
          epsilon: 1e-12,
          gradient: 'reference',
          seed: String(2n ** 60n),
          step: 2 * data.length,
        });
        const restored = new Sparse().fromJSON(json);
        expect(restored.sparseoutSettings).toMatchObject({ probability: 0.3, q: 1, seed: 2n ** 60n });
        expect(restored.sparseoutStep).toBe(2 * data.length);
        expect(outcome(() => restored.run(input))).toEqual(outcome(() => net.run(input)));
        const viaOption = new Sparse({ json });
        expect(viaOption.sparseoutStep).toBe(2 * data.length);
      });

      it('S1.4 fromJSON with bad settings throws SparseoutError and leaves the net as it was', () => {
        const net = trained(Sparse, { ...options, sparseout: SETTINGS }, data, 2);
        const json = JSON.parse(JSON.stringify(net.toJSON()));
        const before = weightsOf(net);
        const bad = (sparseout: unknown) => ({ ...json, options: { ...json.options, sparseout } });
        expect(() => net.fromJSON(bad(null))).toThrow(
          expect.objectContaining({ code: 'SPARSEOUT_INVALID_INPUT' }),
        );
        expect(() => net.fromJSON(bad({ ...json.options.sparseout, q: -1 }))).toThrow(
          expect.objectContaining({ code: 'SPARSEOUT_INVALID_Q' }),
        );
        expect(() => net.fromJSON(bad({ ...json.options.sparseout, step: 0.5 }))).toThrow(
          expect.objectContaining({ code: 'SPARSEOUT_INVALID_SEED' }),
        );
        expect(weightsOf(net)).toEqual(before);
        expect(net.sparseoutStep).toBe(2 * data.length);
      });

      it('S4.4 the same seed and initial weights train to the same net; another seed to another', () => {
        const a = trained(Sparse, { ...options, sparseout: SETTINGS }, data, 4);
        const b = trained(Sparse, { ...options, sparseout: SETTINGS }, data, 4);
        const c = trained(Sparse, { ...options, sparseout: { ...SETTINGS, seed: 2020 } }, data, 4);
        expect(weightsOf(b)).toEqual(weightsOf(a));
        expect(weightsOf(c)).not.toEqual(weightsOf(a));
      });

      it('S2.4 probability 0, or no option, trains exactly like the brain.js class', () => {
        const plain = trained(Plain, options, data, 4);
        const zero = trained(Sparse, { ...options, sparseout: { probability: 0, q: 1, seed: 1 } }, data, 4);
        const none = trained(Sparse, options, data, 4);
        const noisy = trained(Sparse, { ...options, sparseout: SETTINGS }, data, 4);
        expect(weightsOf(zero)).toEqual(weightsOf(plain));
        expect(weightsOf(none)).toEqual(weightsOf(plain));
        expect(weightsOf(noisy)).not.toEqual(weightsOf(plain));
      });
    });
  }

  it('S1.4 fuzz: 200 mistaken sparseout options and saved settings throw nothing but SparseoutError', () => {
    const saved = trained(SparseoutLSTM, { hiddenLayers: [3], sparseout: SETTINGS }, ['ab'], 1).toJSON();
    fc.assert(
      fc.property(fc.oneof(mistakenValue, mistakenSettings), (settings) => {
        typedOrNothing(() => new SparseoutGRU({ hiddenLayers: [3], sparseout: settings as never }));
        typedOrNothing(() => new SparseoutLSTMTimeStep({ hiddenLayers: [3], sparseout: settings as never }));
        typedOrNothing(() =>
          new SparseoutLSTM().fromJSON({ ...saved, options: { ...saved.options, sparseout: settings } }),
        );
      }),
      { numRuns: 200, seed: 17 },
    );
  });

  it('S2.3 each time step applies core sparseoutForward with the masks of one Philox stream per sequence', () => {
    const net = trained(
      SparseoutLSTM,
      { hiddenLayers: [6, 5], sparseout: { probability: 0.4, q: 1.5, seed: 9 } },
      ['abcab'],
      1,
    );
    const graph = net.sparseoutGraph as SparseoutGraph;
    const used = 'abcab'.length + 1; // brain.js runs the time steps 0..length (start and end tokens)
    const stream = bernoulliMask(graph.equations.length * 11, 0.4, { seed: 9, step: 0 });
    for (let time = 0; time < used; time++) {
      graph.states[time].forEach((state, layer) => {
        const offset = time * 11 + (layer === 0 ? 0 : 6);
        const mask = stream.subarray(offset, offset + state.mask.length);
        expect(state.offset).toBe(offset);
        expect(state.mask).toEqual(mask);
        expect(state.product.weights).toEqual(
          sparseoutForward(state.left.weights, mask, { rate: 0.4, q: 1.5 }),
        );
      });
    }
    expect(graph.states[0][0].mask).not.toEqual(graph.states[1][0].mask);
  });

  for (const gradient of ['reference', 'exact'] as const) {
    it(`S3 a state adds core sparseoutBackward (${gradient}) of its deltas to the hidden output's deltas`, () => {
      const settings = { probability: 0.3, q: 0.5, seed: 4, gradient };
      const net = trained(SparseoutGRUTimeStep, { ...seriesOptions, sparseout: settings }, SERIES, 1);
      const state = (net.sparseoutGraph as SparseoutGraph).states[1][1];
      net.sparseoutRun = { settings: net.sparseoutSettings, step: 0 };
      const dy = Float32Array.from(state.product.deltas, (_, i) => Math.sin(i + 1));
      const before = Float32Array.from(state.left.deltas, (_, i) => 0.1 * i);
      state.product.deltas.set(dy);
      state.left.deltas.set(before);
      state.backpropagationFn(state.product, state.left);
      const dx = sparseoutBackward(dy, state.left.weights, state.mask, { rate: 0.3, q: 0.5, gradient });
      expect(state.mask.includes(0) && state.mask.includes(1)).toBe(true);
      state.left.deltas.forEach((delta, i) => {
        expect(delta).toBeCloseTo(before[i] + dx[i], 6);
      });
    });
  }

  // Central differences need a loss that is smooth at the scale of the step. For q < 2,
  // y = x (1 + n g) has g = (|x| + e)^((q - 2) / 2) unbounded as x -> 0 (S3.4), and relu units sit
  // at or near 0 (a unit at 4.6e-6 was seen here), so a step that moves x by 1e-4 crosses the
  // singularity: q < 2 is checked against core directly (the test above, q = 0.5), q >= 2 here.
  // brain.js starts from weights in +-0.08, where the signal through two layers is too faint to
  // measure; weights 8 times larger make the gradient large against float32 rounding.
  // The last case is the check biting: for q != 2 the reference gradient (S3.1) is not the derivative.
  for (const [q, gradient, isDerivative] of [
    [2, 'reference', true],
    [3, 'exact', true],
    [2.5, 'exact', true],
    [3, 'reference', false],
  ] as const) {
    const title = isDerivative ? 'are the loss gradient' : 'are not the loss gradient';
    it(`S3 brain.js's weight deltas through the masks ${title} (q ${q}, ${gradient}), by central differences`, () => {
      // A 2-layer SparseoutRNN on one sequence: the deltas of the first layer's input weights reach
      // it through both Sparseout states (layer 2's input and the output layer's), at every time step.
      const text = 'cabbage';
      const net = trained(
        SparseoutRNN,
        { hiddenLayers: [5, 4], sparseout: { probability: 0.3, q, seed: 21, gradient } },
        [text],
        1,
      );
      const sequence = net.formatData ? net.formatData([text])[0] : net.dataFormatter.toIndexes(text);
      const weight: { weights: Float32Array; deltas: Float32Array } = net.model.hiddenLayers[0].weight;
      net.adjustWeights = () => {};
      for (const matrix of net.model.allMatrices) {
        for (let i = 0; i < matrix.weights.length; i++) matrix.weights[i] *= 8;
      }
      // brain.js's error is 2^(log2 perplexity / (n - 1)) / 100; the loss its deltas are the gradient
      // of is the summed natural-log cross-entropy, (n - 1) ln(100 error).
      const loss = () => {
        net.sparseoutStep = 5;
        const error = net.trainPattern(sequence, true);
        return (sequence.length - 1) * Math.log(100 * error);
      };
      loss();
      const analytic = Array.from(weight.deltas);
      const h = 1e-3;
      const numeric = analytic.map((_, i) => {
        const saved = weight.weights[i];
        weight.weights[i] = saved + h;
        const up = loss();
        weight.weights[i] = saved - h;
        const down = loss();
        weight.weights[i] = saved;
        return (up - down) / (2 * h);
      });
      const norm = Math.hypot(...numeric);
      expect(norm).toBeGreaterThan(1e-1);
      // float32 forward passes: the loss carries ~1e-6 rounding, ~1e-3 in a difference quotient
      // (measured: relative errors 5e-4 to 1.5e-3 on both brain.js versions).
      const error = Math.hypot(...numeric.map((g, i) => g - analytic[i])) / norm;
      if (isDerivative) expect(error).toBeLessThan(1e-2);
      else expect(error).toBeGreaterThan(5e-2);
    });
  }

  it('a character LSTM learns short sentences: training error falls and it completes a prompt', () => {
    const sentences = ['the cat sat on the mat.', 'the dog sat on the log.', 'a cat ran to the dog.'];
    const net = withSeededMathRandom(3, () => new SparseoutLSTM({ hiddenLayers: [24], sparseout: SETTINGS }));
    const first = withSeededMathRandom(3, () =>
      net.train(sentences, { iterations: 1, errorThresh: 1e-9 }),
    ).error;
    const last = net.train(sentences, { iterations: 150, errorThresh: 1e-9 }).error;
    expect(last).toBeLessThan(first / 2);
    expect(net.run('the cat s')).toMatch(/^at/);
  });
});
