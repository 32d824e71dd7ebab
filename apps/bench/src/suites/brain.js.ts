/**
 * @sparseout/brain.js rows: one training iteration (one pass over the training set) of
 * a brain.js net with Sparseout against the same net, same initial weights, without it. Layered
 * API: FeedForward 196-128-10 with a sparseout layer after the hidden layer vs brain.FeedForward
 * without it. Classic API: SparseoutNeuralNetwork vs brain.NeuralNetwork, 196-128-10, sigmoid.
 * Inputs are 14x14 = 196 deterministic pseudo-random pixels with one-hot labels of 10 classes.
 * Recurrent: SparseoutLSTM vs brain.recurrent.LSTM on deterministic sentences and
 * SparseoutLSTMTimeStep vs brain.recurrent.LSTMTimeStep on deterministic series, same weights.
 * Beside each row against brain.js, the class against itself with the noise switched off on its
 * own training path, which measures Sparseout rather than a rewrite of brain.js's loops.
 */
import {
  SparseoutFeedForward,
  SparseoutLSTM,
  SparseoutLSTMTimeStep,
  SparseoutNeuralNetwork,
  sparseout,
} from '@sparseout/brain.js';
import { uniformRandom } from '@sparseout/example-data';
import { FeedForward, layer, NeuralNetwork, recurrent } from 'brain.js';
import type { BenchSuite, TimeCase } from '../types.js';

const INPUTS = 196;
const HIDDEN = 128;
const CLASSES = 10;
const SAMPLES = { full: 128, quick: 16 };
const SPARSEOUT = { probability: 0.3, q: 1, seed: 42 };

interface Datum {
  input: number[];
  output: number[];
}

/** Deterministic samples (xorshift32): pixels in [0, 1), a one-hot label. */
function samples(count: number): Datum[] {
  const next = uniformRandom(0x2545f491);
  return Array.from({ length: count }, (_, i) => ({
    input: Array.from({ length: INPUTS }, next),
    output: Array.from({ length: CLASSES }, (_, c) => (c === i % CLASSES ? 1 : 0)),
  }));
}

/** The internals one training iteration uses: brain.js's own data preparation and pattern loop. */
interface FeedForwardInternals {
  _prepTraining(data: Datum[], options: object): { preparedData: unknown[] };
  _trainPatterns(data: unknown[]): void;
}

function feedForwardIteration(net: FeedForward, data: Datum[]): () => void {
  const internals = net as unknown as FeedForwardInternals;
  const { preparedData } = internals._prepTraining(data, { iterations: 1 });
  return () => internals._trainPatterns(preparedData);
}

const feedForwardRow: TimeCase = {
  kind: 'time',
  name: `FeedForward ${INPUTS}-${HIDDEN}-${CLASSES}, one training iteration with a sparseout layer (probability 0.3, q 1)`,
  baseline: 'the same brain.FeedForward without it (cpu)',
  target: 1.15,
  setup({ quick }) {
    const data = samples(quick ? SAMPLES.quick : SAMPLES.full);
    const withSparseout = new SparseoutFeedForward({
      inputLayer: () => layer.input({ height: INPUTS }),
      hiddenLayers: [(input) => sparseout(layer.feedForward({ height: HIDDEN }, input), SPARSEOUT)],
      outputLayer: (input) => layer.output({ height: CLASSES }, input),
    });
    withSparseout.initialize();
    // The baseline: the same layers and initial weights, the Sparseout layer left out.
    const json = withSparseout.toJSON();
    const at = json.layers.findIndex((l) => l.type === 'Sparseout');
    const layers = json.layers
      .filter((_, i) => i !== at)
      .map((l) => {
        const shifted = { ...l } as typeof l;
        for (const key of ['inputLayerIndex', 'inputLayer1Index', 'inputLayer2Index'] as const) {
          const index = shifted[key];
          if (typeof index === 'number')
            shifted[key] = index === at ? json.layers[at].inputLayerIndex : index > at ? index - 1 : index;
        }
        return shifted;
      });
    const plain = FeedForward.fromJSON({
      ...json,
      layers,
      inputLayerIndex: json.inputLayerIndex,
      outputLayerIndex: json.outputLayerIndex - 1,
    });
    plain.initialize();
    // Both sides are built from JSON, so their weights have the same representation.
    const candidate = SparseoutFeedForward.fromJSON(json);
    return {
      candidate: feedForwardIteration(candidate, data),
      baseline: feedForwardIteration(plain, data),
      // Per activation entering the Sparseout layer over the iteration.
      elements: data.length * HIDDEN,
    };
  },
};

interface NetworkInternals {
  prepTraining(data: Datum[], options: object): { preparedData: unknown[] };
  trainPatterns(data: unknown[]): void;
}

function networkIteration(net: NeuralNetwork<number[], number[]>, data: Datum[]): () => void {
  const internals = net as unknown as NetworkInternals;
  const { preparedData } = internals.prepTraining(data, { iterations: 1 });
  return () => internals.trainPatterns(preparedData);
}

/**
 * The noise switched off on the Sparseout path itself: probability 1e-300 keeps every unit
 * (keep threshold floor(1e-300 * 2^32) = 0) and makes n = 1e-300, so y = x, while the training pass
 * still draws the masks and runs the gain loops. (Probability exactly 0 takes brain.js's own path.)
 */
const NOISE_OFF = { ...SPARSEOUT, probability: 1e-300 };
const NOISE_OFF_NAME =
  'the same class with the noise off (probability 1e-300: its own training path, masks all ones)';

/** The JSON of `json` with other Sparseout settings, for a twin with the same weights. */
function withSettings<T>(json: T, settings: object): T {
  const options = (json as { options: object }).options;
  const sparseout = { epsilon: 1e-12, gradient: 'reference', step: 0, ...settings };
  return { ...json, options: { ...options, sparseout } } as T;
}

const neuralNetworkRow: TimeCase = {
  kind: 'time',
  name: `SparseoutNeuralNetwork ${INPUTS}-${HIDDEN}-${CLASSES} sigmoid, one training iteration (probability 0.3, q 1)`,
  baseline: 'brain.NeuralNetwork, same weights',
  target: 1.15,
  moreBaselines: [{ name: NOISE_OFF_NAME, target: 1.15 }],
  setup({ quick }) {
    const data = samples(quick ? SAMPLES.quick : SAMPLES.full);
    const withSparseout = new SparseoutNeuralNetwork<number[], number[]>({
      hiddenLayers: [HIDDEN],
      sparseout: SPARSEOUT,
    });
    const candidate = networkIteration(withSparseout, data);
    const plain = new NeuralNetwork<number[], number[]>().fromJSON(withSparseout.toJSON());
    const noiseOff = new SparseoutNeuralNetwork<number[], number[]>().fromJSON(
      withSettings(withSparseout.toJSON(), NOISE_OFF),
    );
    return {
      candidate,
      baseline: networkIteration(plain, data),
      moreBaselines: [networkIteration(noiseOff, data)],
      elements: data.length * HIDDEN,
    };
  },
};

/** Deterministic sentences (xorshift32 over a small vocabulary) for the character LSTM rows. */
function sentences(count: number): string[] {
  const words = ['the', 'cat', 'sat', 'on', 'a', 'mat', 'dog', 'ran', 'to', 'log', 'and', 'by', 'sun'];
  const next = uniformRandom(0x9e3779b9);
  return Array.from({ length: count }, () =>
    Array.from({ length: 8 }, () => words[Math.floor(next() * words.length)]).join(' '),
  );
}

/** Deterministic series in [0.1, 0.9] for the time-step rows. */
function series(count: number, length: number): number[][] {
  return Array.from({ length: count }, (_, k) =>
    Array.from({ length }, (_, i) => 0.5 + 0.4 * Math.sin((i + 3 * k) / 4)),
  );
}

/** What one training iteration of a recurrent net runs: brain.js's trainPattern over the prepared data. */
interface RecurrentInternals {
  formatData(data: unknown[]): unknown[];
  trainPattern(input: unknown, logErrorRate?: boolean): unknown;
}

function recurrentIteration(net: unknown, data: unknown[]): () => void {
  const internals = net as RecurrentInternals;
  const prepared = internals.formatData(data);
  return () => {
    for (const item of prepared) internals.trainPattern(item, true);
  };
}

const LSTM_HIDDEN = { full: [64, 64], quick: [8, 8] };

const lstmRow: TimeCase = {
  kind: 'time',
  name: `SparseoutLSTM [${LSTM_HIDDEN.full}] characters, one training iteration over 16 sentences (probability 0.3, q 1)`,
  baseline: 'brain.recurrent.LSTM, same weights and data',
  target: 1.15,
  moreBaselines: [{ name: NOISE_OFF_NAME, target: 1.15 }],
  setup({ quick }) {
    const data = sentences(quick ? 3 : 16);
    const hiddenLayers = quick ? LSTM_HIDDEN.quick : LSTM_HIDDEN.full;
    const withSparseout = new SparseoutLSTM({ hiddenLayers, sparseout: SPARSEOUT });
    withSparseout.train(data, { iterations: 1, errorThresh: 1e-9 });
    const json = JSON.parse(JSON.stringify(withSparseout.toJSON()));
    const plain = new recurrent.LSTM();
    plain.fromJSON(json);
    const noiseOff = new SparseoutLSTM().fromJSON(withSettings(json, NOISE_OFF));
    const characters = data.reduce((sum, sentence) => sum + sentence.length + 1, 0);
    return {
      candidate: recurrentIteration(withSparseout, data),
      baseline: recurrentIteration(plain, data),
      moreBaselines: [recurrentIteration(noiseOff, data)],
      elements: characters * hiddenLayers.reduce((a, b) => a + b, 0),
    };
  },
};

const timeStepRow: TimeCase = {
  kind: 'time',
  name: `SparseoutLSTMTimeStep [${LSTM_HIDDEN.full}], one training iteration over 16 series of 24 (probability 0.3, q 1)`,
  baseline: 'brain.recurrent.LSTMTimeStep, same weights and data',
  target: 1.15,
  moreBaselines: [{ name: NOISE_OFF_NAME, target: 1.15 }],
  setup({ quick }) {
    const data = series(quick ? 3 : 16, quick ? 8 : 24);
    const hiddenLayers = quick ? LSTM_HIDDEN.quick : LSTM_HIDDEN.full;
    const options = { inputSize: 1, hiddenLayers, outputSize: 1 };
    const withSparseout = new SparseoutLSTMTimeStep({ ...options, sparseout: SPARSEOUT });
    withSparseout.train(data, { iterations: 1, errorThresh: 1e-9 });
    const json = JSON.parse(JSON.stringify(withSparseout.toJSON()));
    const plain = new recurrent.LSTMTimeStep();
    plain.fromJSON(json);
    const noiseOff = new SparseoutLSTMTimeStep().fromJSON(withSettings(json, NOISE_OFF));
    return {
      candidate: recurrentIteration(withSparseout, data),
      baseline: recurrentIteration(plain, data),
      moreBaselines: [recurrentIteration(noiseOff, data)],
      elements: data.length * data[0].length * hiddenLayers.reduce((a, b) => a + b, 0),
    };
  },
};

const suite: BenchSuite = {
  name: 'brain.js',
  cases: [feedForwardRow, neuralNetworkRow, lstmRow, timeStepRow],
};

export default suite;
