/**
 * Trains brain.js networks with Sparseout on the mnist package's digits (downsampled to 14 x 14)
 * for q = 1, 2 and 3, next to the same network without Sparseout, and prints test accuracy and the
 * Hoyer sparsity (S7.1) of the hidden activations for each. Then a character-level SparseoutLSTM
 * on State of the Union sentences (sotu-lstm.ts), the same way: training and held-out
 * cross-entropy and the Hoyer sparsity of the hidden outputs.
 *
 *   pnpm --filter @sparseout/brainjs-example start [-- --epochs n] [--quick] [--only digits|text]
 *
 * All networks start from the same initial weights and use the classic API (SparseoutNeuralNetwork).
 * The layered API (SparseoutFeedForward with a `sparseout` layer) is not used here: brain.js's
 * layered FeedForward runs every op as a gpu.js kernel, is about 50x slower per sample, and even
 * without Sparseout reaches only ~15% on this task in 5 epochs; its tests train XOR instead.
 */
import { SparseoutNeuralNetwork } from '@sparseout/brain.js';
import { activationStats } from '@sparseout/core';
import { type Digit, loadDigits } from './data.js';
import { type TextConfig, type TextResult, trainSotuLSTMs } from './sotu-lstm.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const epochsArg = args.indexOf('--epochs');
const EPOCHS = epochsArg >= 0 ? Number(args[epochsArg + 1]) : quick ? 3 : 10;
const onlyArg = args.indexOf('--only');
const ONLY = onlyArg >= 0 ? args[onlyArg + 1] : undefined;
const TEXT: TextConfig = quick
  ? { train: 24, heldOut: 24, maxLength: 48, hidden: 24, epochs: 6, probability: 0.2, seed: 2019 }
  : { train: 120, heldOut: 120, maxLength: 64, hidden: 32, epochs: 10, probability: 0.2, seed: 2019 };
const HIDDEN = 64;
const PROBABILITY = 0.3;
const SEED = 2019;

type Net = SparseoutNeuralNetwork<number[], number[]>;

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** Test accuracy, and the mean over test digits of the hidden layer's Hoyer sparsity and near-zero share. */
function evaluate(net: Net, test: Digit[]): { accuracy: number; hoyer: number; nearZero: number } {
  let correct = 0;
  let hoyer = 0;
  let nearZero = 0;
  for (const digit of test) {
    const output = net.run(digit.input) as unknown as Float32Array;
    if (argmax(output) === digit.label) correct++;
    const stats = activationStats(net.outputs[1]);
    hoyer += stats.hoyer;
    nearZero += stats.nearZeroFraction;
  }
  return { accuracy: correct / test.length, hoyer: hoyer / test.length, nearZero: nearZero / test.length };
}

function row(name: string, result: ReturnType<typeof evaluate>, seconds: number): string {
  return [
    name.padEnd(30),
    `${(100 * result.accuracy).toFixed(1)}%`.padStart(8),
    result.hoyer.toFixed(3).padStart(8),
    `${(100 * result.nearZero).toFixed(1)}%`.padStart(10),
    `${seconds.toFixed(1)}s`.padStart(7),
  ].join('  ');
}

function classic(train: Digit[], test: Digit[]): void {
  const template = new SparseoutNeuralNetwork({
    hiddenLayers: [HIDDEN],
    activation: 'relu',
    learningRate: 0.01,
  }) as Net;
  template.train(train.slice(0, 1), { iterations: 1, errorThresh: 1e-9 });
  const initial = template.toJSON();
  console.log(
    `classic API: NeuralNetwork 196-${HIDDEN}-10 relu, ${EPOCHS} epochs, Sparseout probability ${PROBABILITY}`,
  );
  console.log(
    [
      'network'.padEnd(30),
      'accuracy'.padStart(8),
      'Hoyer'.padStart(8),
      '|a| < 1e-3'.padStart(10),
      'time'.padStart(7),
    ].join('  '),
  );
  const configs: Array<{ name: string; q?: number }> = [
    { name: 'brain.NeuralNetwork (none)' },
    { name: 'Sparseout q = 1', q: 1 },
    { name: 'Sparseout q = 2 (Dropout)', q: 2 },
    { name: 'Sparseout q = 3', q: 3 },
  ];
  for (const { name, q } of configs) {
    const json = structuredClone(initial);
    const options = json.options as typeof json.options & { sparseout?: object };
    if (q === undefined) delete options.sparseout;
    else
      options.sparseout = {
        probability: PROBABILITY,
        q,
        epsilon: 1e-12,
        gradient: 'reference',
        seed: SEED,
        step: 0,
      };
    const net = new SparseoutNeuralNetwork().fromJSON(json) as Net;
    const started = performance.now();
    net.train(train, { iterations: EPOCHS, errorThresh: 1e-6 });
    console.log(row(name, evaluate(net, test), (performance.now() - started) / 1000));
  }
}

function textRow(result: TextResult): string {
  return [
    result.name.padEnd(30),
    result.trainBits.toFixed(3).padStart(10),
    result.heldOutBits.toFixed(3).padStart(10),
    result.hoyer.toFixed(3).padStart(8),
    `${(100 * result.nearZero).toFixed(1)}%`.padStart(10),
    `${result.seconds.toFixed(1)}s`.padStart(7),
  ].join('  ');
}

function text(): void {
  const started = performance.now();
  const { results, train, heldOut } = trainSotuLSTMs(TEXT);
  console.log(
    `\ncharacter LSTM: SparseoutLSTM [${TEXT.hidden}], ${TEXT.epochs} epochs, Sparseout probability ${TEXT.probability}` +
      ` on State of the Union sentences: ${train.length} training (1790-1829), ${heldOut.length} held out (1830-1849)`,
  );
  console.log(
    'errors in bits per character at inference; Hoyer and |h| < 1e-3 of the hidden outputs, held out',
  );
  console.log(
    [
      'network'.padEnd(30),
      'train'.padStart(10),
      'held out'.padStart(10),
      'Hoyer'.padStart(8),
      '|h| < 1e-3'.padStart(10),
      'time'.padStart(7),
    ].join('  '),
  );
  for (const result of results) console.log(textRow(result));
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)}s in all)`);
}

if (ONLY !== 'text') {
  const { train, test } = loadDigits(quick ? 60 : 300, quick ? 20 : 100);
  console.log(`mnist digits 14x14: ${train.length} training, ${test.length} test\n`);
  classic(train, test);
}
if (ONLY !== 'digits') text();
