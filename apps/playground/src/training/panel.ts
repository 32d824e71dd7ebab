import { hoyerSparsity, sparsityMonitor } from '@sparseout/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import { CustomCallback } from '@tensorflow/tfjs-layers';
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

/** Test accuracy of the MLP over the test digits. */
async function accuracy(mlp: Mlp, x: tf.Tensor2D, labels: tf.Tensor1D): Promise<number> {
  const correct = tf.tidy(() =>
    tf.sum(tf.cast(tf.equal(tf.argMax(mlp.model.predict(x) as tf.Tensor2D, 1), labels), 'float32')),
  );
  const value = (await correct.data())[0] / x.shape[0];
  correct.dispose();
  return value;
}

/** S7.1 Hoyer sparsity of the hidden ReLU activations over the test digits (inference). */
async function hiddenHoyer(mlp: Mlp, x: tf.Tensor2D): Promise<number> {
  const h = mlp.hidden.predict(x) as tf.Tensor;
  const value = await hoyerSparsity(h);
  h.dispose();
  return value;
}

/**
 * The training panel: the MLP with Sparseout (the q and rate sliders) and with Dropout (same
 * rate), trained in turn epoch by epoch on the same batches in the same seeded order; after each
 * epoch the test accuracy and the Hoyer sparsity of the hidden ReLU activations over the test
 * digits, plotted as they arrive. For the Sparseout run the sparsity comes from @sparseout/tfjs's
 * `sparsityMonitor` (the activations entering its Sparseout layer); it watches Sparseout layers
 * only, so the Dropout run's is measured directly with `hoyerSparsity` on the same activations.
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
        const index = tf.tensor1d(permutation(train.count, TRAINING_SEED, epoch), 'int32');
        const x = tf.gather(xTrain, index);
        const y = tf.gather(yTrain, index);
        for (const [name, mlp] of runs) {
          let monitored: number | undefined;
          const progress = new CustomCallback({
            onBatchEnd: async (batch) => {
              batches++;
              status.textContent = `epoch ${epoch}, ${name}: batch ${batch + 1} of ${train.count / BATCH} (q ${options.q}, rate ${options.rate})`;
              status.dataset.batches = String(batches);
              if (stopRequested) mlp.model.stopTraining = true;
            },
          });
          const callbacks =
            name === 'Sparseout'
              ? [
                  sparsityMonitor({
                    probe: xTest,
                    onMeasure: (m) => {
                      monitored = m.layers.noise.hoyer;
                    },
                  }),
                  progress,
                ]
              : [progress];
          await mlp.model.fit(x, y, { batchSize: BATCH, epochs: 1, shuffle: false, callbacks });
          if (stopRequested) break;
          const hoyer = monitored ?? (await hiddenHoyer(mlp, xTest));
          points.push({ epoch, run: name, accuracy: await accuracy(mlp, xTest, yTest), hoyer });
          render(points);
        }
        tf.dispose([index, x, y]);
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
