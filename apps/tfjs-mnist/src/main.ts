/**
 * Trains an MLP with Sparseout layers on the mnist package's digits for q = 1, 2 and 3 with a
 * sparsityMonitor, printing the sparsity of the activations entering each Sparseout layer per
 * epoch (S7.1, S7.2), then test accuracy and the Hoyer sparsity of the hidden activations, then
 * the MC predictive entropy (mcPredict) on held-out digits against rotated and noised ones.
 * Sparsity should fall as q rises (q < 2 drives activations sparser, q = 2 is Dropout, q > 2
 * denser), and the entropy should be higher on the rotated and noised digits.
 *
 *   pnpm --filter @sparseout/tfjs-mnist start [-- --backend cpu|wasm] [--epochs n] [--quick]
 */
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { CLASSES, PIXELS } from '@sparseout/example-data';
import { sparsityMonitor } from '@sparseout/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import { loadDigits } from './data.js';
import { evaluate } from './evaluate.js';
import { sparseoutMlp } from './model.js';
import { mcEntropy, noised, rotated } from './uncertainty.js';

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
  // The monitor's probe: the first 256 held-out digits, run at inference after every epoch.
  const probe = tf.tensor2d(test.images.subarray(0, 256 * PIXELS), [256, PIXELS]);
  const results: string[] = [];
  const entropies: string[] = [];
  const [mcDigits, samples] = [quick ? 250 : 1000, quick ? 10 : 30];
  const heldOut = test.images.subarray(0, mcDigits * PIXELS);
  const shifted = {
    'held-out': heldOut,
    'rotated 90': rotated(heldOut),
    'noised 50%': noised(heldOut, 0.5, 3),
  };
  for (const q of [1, 2, 3]) {
    const model = sparseoutMlp({ hidden, rate, q, seed: 7, learningRate: 1e-3 });
    console.log(
      `\nq = ${q}: the activations entering each Sparseout layer, per epoch (probe: 256 test digits)`,
    );
    console.log(' epoch | loss   | sparseout1 Hoyer | zeros | sparseout2 Hoyer | zeros');
    console.log('-------|--------|------------------|-------|------------------|------');
    const history = await model.fit(xs, ys, {
      epochs,
      batchSize: 64,
      shuffle: false,
      verbose: 0,
      callbacks: sparsityMonitor({ probe }),
    });
    const h = history.history as Record<string, number[]>;
    for (let e = 0; e < epochs; e++) {
      console.log(
        ` ${String(e + 1).padStart(5)} | ${h.loss[e].toFixed(4)} | ${h['sparseout1/hoyer'][e].toFixed(3).padStart(16)} | ` +
          `${h['sparseout1/zeros'][e].toFixed(3)} | ${h['sparseout2/hoyer'][e].toFixed(3).padStart(16)} | ${h['sparseout2/zeros'][e].toFixed(3)}`,
      );
    }
    const { accuracy, hoyer } = evaluate(model, test, ['hidden1', 'hidden2']);
    results.push(
      ` ${q}  | ${(accuracy * 100).toFixed(2).padStart(12)}% | ${hoyer[0].toFixed(3).padStart(22)} | ${hoyer[1].toFixed(3)}`,
    );
    const row: string[] = [];
    for (const images of Object.values(shifted))
      row.push((await mcEntropy(model, images, samples, 11)).toFixed(3));
    entropies.push(` ${q}  | ${row.map((v, i) => v.padStart(Object.keys(shifted)[i].length)).join(' | ')}`);
    model.dispose();
  }
  console.log('\n q  | test accuracy | Hoyer sparsity hidden1 | hidden2');
  console.log('----|---------------|------------------------|--------');
  for (const line of results) console.log(line);
  console.log(
    `\nMC Sparseout predictive entropy (nats, max ln 10 = 2.303): ${samples} passes of mcPredict ` +
      `(only the Sparseout layers sampled, seed 11) over ${mcDigits} held-out digits, then the same digits ` +
      'turned a quarter turn and with half their pixels replaced by uniform noise',
  );
  console.log(` q  | ${Object.keys(shifted).join(' | ')}`);
  console.log(
    `----|${Object.keys(shifted)
      .map((k) => '-'.repeat(k.length + 2))
      .join('|')}`,
  );
  for (const line of entropies) console.log(line);
  probe.dispose();
  tf.dispose([xs, ys]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
