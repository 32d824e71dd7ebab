import { hoyerSparsity } from '@sparseout/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import { epochChart, show } from '../charts.js';
import { CLASSES, type DigitSet, PIXELS } from '../digits-format.js';
import { $, format, range } from '../dom.js';
import { permutation } from '../random.js';
import { buildMlp, HIDDEN, type Mlp } from './models.js';

/** Digits per training batch, the most epochs a run trains and the seed of weights, masks and order. */
export const BATCH = 50;
export const MAX_EPOCHS = 10;
export const TRAINING_SEED = 7;

type RunName = 'Sparseout' | 'Dropout';
interface Point {
  epoch: number;
  run: RunName;
  accuracy: number;
  hoyer: number;
}

/** Test accuracy and S7.1 Hoyer sparsity of the hidden activations (inference) over the test digits. */
async function measure(
  mlp: Mlp,
  x: tf.Tensor2D,
  labels: tf.Tensor1D,
): Promise<{ accuracy: number; hoyer: number }> {
  const correct = tf.tidy(() =>
    tf.sum(tf.cast(tf.equal(tf.argMax(mlp.model.predict(x) as tf.Tensor2D, 1), labels), 'float32')),
  );
  const accuracy = (await correct.data())[0] / x.shape[0];
  correct.dispose();
  const h = mlp.hidden.predict(x) as tf.Tensor;
  const hoyer = await hoyerSparsity(h);
  h.dispose();
  return { accuracy, hoyer };
}

/**
 * The training panel: the MLP with Sparseout (the q and rate sliders) and with Dropout (same
 * rate), trained side by side on the same batches, batch by batch alternately; after each epoch
 * the test accuracy and the hidden layer's Hoyer sparsity of both, plotted as they arrive.
 */
export function mountTrainingPanel(train: DigitSet, test: DigitSet): void {
  const q = range('train-q');
  const rate = range('train-rate');
  const button = $<HTMLButtonElement>('train-start');
  const status = $('train-status');
  $('train-data').textContent =
    `${train.count} training digits, ${test.count} test digits; MLP 784-${HIDDEN}-10, batches of ${BATCH}, Adam`;
  let running = false;
  let stopRequested = false;
  const render = (points: Point[]) => {
    show(
      $('train-accuracy'),
      epochChart(
        points.map((p) => ({ ...p, value: p.accuracy })),
        'test accuracy',
        [0, 1],
      ),
    );
    show(
      $('train-sparsity'),
      epochChart(
        points.map((p) => ({ ...p, value: p.hoyer })),
        'Hoyer sparsity of hidden ReLU',
        [0, 1],
      ),
    );
    const table = $('train-table');
    table.innerHTML = `<tr><th>epoch</th><th>run</th><th>test accuracy</th><th>Hoyer sparsity (S7.1)</th></tr>${points
      .map(
        (p) =>
          `<tr class="train-point" data-epoch="${p.epoch}" data-run="${p.run}" data-accuracy="${p.accuracy}" data-hoyer="${p.hoyer}"><td>${p.epoch}</td><td>${p.run}</td><td>${format(p.accuracy)}</td><td>${format(p.hoyer)}</td></tr>`,
      )
      .join('')}`;
  };
  const run = async () => {
    running = true;
    stopRequested = false;
    button.textContent = 'Stop';
    q.input.disabled = true;
    rate.input.disabled = true;
    const options = { rate: rate.value(), q: q.value(), seed: TRAINING_SEED };
    const runs: [RunName, Mlp][] = [
      ['Sparseout', buildMlp('sparseout', options)],
      ['Dropout', buildMlp('dropout', options)],
    ];
    const xTrain = tf.tensor2d(train.images, [train.count, PIXELS]);
    const yTrain = tf.oneHot(tf.tensor1d(train.labels, 'int32'), CLASSES);
    const xTest = tf.tensor2d(test.images, [test.count, PIXELS]);
    const yTest = tf.tensor1d(test.labels, 'int32');
    const points: Point[] = [];
    let batches = 0;
    render(points);
    try {
      for (let epoch = 1; epoch <= MAX_EPOCHS && !stopRequested; epoch++) {
        const order = permutation(train.count, TRAINING_SEED, epoch);
        for (let start = 0; start + BATCH <= train.count && !stopRequested; start += BATCH) {
          const index = tf.tensor1d(order.subarray(start, start + BATCH), 'int32');
          const x = tf.gather(xTrain, index);
          const y = tf.gather(yTrain, index);
          for (const [, mlp] of runs) await mlp.model.trainOnBatch(x, y);
          tf.dispose([index, x, y]);
          batches++;
          status.textContent = `epoch ${epoch}: ${batches} batches trained per run (q ${options.q}, rate ${options.rate})`;
          status.dataset.batches = String(batches);
          await tf.nextFrame();
        }
        if (stopRequested) break;
        for (const [name, mlp] of runs)
          points.push({ epoch, run: name, ...(await measure(mlp, xTest, yTest)) });
        render(points);
      }
      status.textContent += stopRequested ? ' (stopped)' : ' (done)';
    } finally {
      tf.dispose([xTrain, yTrain, xTest, yTest]);
      for (const [, mlp] of runs) mlp.model.dispose();
      running = false;
      button.textContent = 'Train';
      q.input.disabled = false;
      rate.input.disabled = false;
      status.dataset.running = 'false';
    }
  };
  button.addEventListener('click', () => {
    if (running) stopRequested = true;
    else {
      status.dataset.running = 'true';
      run().catch((error) => {
        status.textContent = `training failed: ${error}`;
        console.error(error);
      });
    }
  });
}
