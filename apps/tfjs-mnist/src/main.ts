/**
 * Trains an MLP with Sparseout layers on the mnist package's digits for q = 1, 2 and 3 and prints
 * test accuracy and the Hoyer sparsity of the hidden activations (S7.1). Sparsity should fall as
 * q rises (q < 2 drives activations sparser, q = 2 is Dropout, q > 2 denser).
 *
 *   pnpm --filter @sparseout/tfjs-mnist start [-- --backend cpu|wasm] [--epochs n] [--quick]
 */
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { CLASSES, PIXELS } from '@sparseout/example-data';
import * as tf from '@tensorflow/tfjs-core';
import { loadDigits } from './data.js';
import { evaluate } from './evaluate.js';
import { sparseoutMlp } from './model.js';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const backend = option('backend', 'wasm');
  const epochs = Number(option('epochs', quick ? '2' : '8'));
  const [hidden, rate] = [quick ? 64 : 256, 0.5];
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} failed to initialise`);

  const { train, test } = loadDigits();
  const xs = tf.tensor2d(train.images, [train.count, PIXELS]);
  const ys = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(train.labels, 'int32'), CLASSES), 'float32'));
  console.log(
    `mnist: ${train.count} training and ${test.count} test digits; MLP 784-${hidden}-${hidden}-10, ` +
      `Sparseout rate ${rate} after each hidden layer, ${epochs} epochs, batch 64, backend ${tf.getBackend()}`,
  );
  console.log('\n q  | test accuracy | Hoyer sparsity hidden1 | hidden2');
  console.log('----|---------------|------------------------|--------');
  for (const q of [1, 2, 3]) {
    const model = sparseoutMlp({ hidden, rate, q, seed: 7, learningRate: 1e-3 });
    await model.fit(xs, ys, { epochs, batchSize: 64, shuffle: false, verbose: 0 });
    const { accuracy, hoyer } = evaluate(model, test, ['hidden1', 'hidden2']);
    console.log(
      ` ${q}  | ${(accuracy * 100).toFixed(2).padStart(12)}% | ${hoyer[0].toFixed(3).padStart(22)} | ${hoyer[1].toFixed(3)}`,
    );
    model.dispose();
  }
  tf.dispose([xs, ys]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
