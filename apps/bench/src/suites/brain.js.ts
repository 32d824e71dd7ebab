/**
 * @sparseout/brain.js rows (issue 6): one training iteration (one pass over the training set) of
 * a brain.js net with Sparseout against the same net, same initial weights, without it. Layered
 * API: FeedForward 196-128-10 with a sparseout layer after the hidden layer vs brain.FeedForward
 * without it. Classic API: SparseoutNeuralNetwork vs brain.NeuralNetwork, 196-128-10, sigmoid.
 * Inputs are 14x14 = 196 deterministic pseudo-random pixels with one-hot labels of 10 classes.
 */
import { SparseoutFeedForward, SparseoutNeuralNetwork, sparseout } from '@sparseout/brain.js';
import { FeedForward, layer, NeuralNetwork } from 'brain.js';
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
  let s = 0x2545f491;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
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

const neuralNetworkRow: TimeCase = {
  kind: 'time',
  name: `SparseoutNeuralNetwork ${INPUTS}-${HIDDEN}-${CLASSES} sigmoid, one training iteration (probability 0.3, q 1)`,
  baseline: 'brain.NeuralNetwork, same weights',
  target: 1.15,
  setup({ quick }) {
    const data = samples(quick ? SAMPLES.quick : SAMPLES.full);
    const withSparseout = new SparseoutNeuralNetwork({ hiddenLayers: [HIDDEN], sparseout: SPARSEOUT });
    const candidate = networkIteration(withSparseout, data);
    const plain = new NeuralNetwork<number[], number[]>().fromJSON(withSparseout.toJSON());
    return { candidate, baseline: networkIteration(plain, data), elements: data.length * HIDDEN };
  },
};

const suite: BenchSuite = {
  name: 'brain.js',
  cases: [feedForwardRow, neuralNetworkRow],
};

export default suite;
