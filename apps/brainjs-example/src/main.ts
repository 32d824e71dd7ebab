/**
 * Trains brain.js networks with Sparseout on the mnist package's digits (downsampled to 14 x 14)
 * for q = 1, 2 and 3, next to the same network without Sparseout, and prints test accuracy and the
 * Hoyer sparsity (S7.1) of the hidden activations for each.
 *
 *   pnpm --filter @sparseout/brainjs-example start [-- --epochs n] [--quick]
 *
 * All networks start from the same initial weights and use the classic API (SparseoutNeuralNetwork).
 * The layered API (SparseoutFeedForward with a `sparseout` layer) is not used here: brain.js's
 * layered FeedForward runs every op as a gpu.js kernel, is about 50x slower per sample, and even
 * without Sparseout reaches only ~15% on this task in 5 epochs; its tests train XOR instead.
 */
import { SparseoutNeuralNetwork } from '@sparseout/brain.js';
import { activationStats } from '@sparseout/core';
import { type Digit, loadDigits } from './data.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const epochsArg = args.indexOf('--epochs');
const EPOCHS = epochsArg >= 0 ? Number(args[epochsArg + 1]) : quick ? 3 : 10;
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

const { train, test } = loadDigits(quick ? 60 : 300, quick ? 20 : 100);
console.log(`mnist digits 14x14: ${train.length} training, ${test.length} test\n`);
classic(train, test);
