import { loadMnist } from '../data/mnist.js';
import { digitDataset } from '../data/tensors.js';
import { buildMlp } from '../models/mlp.js';
import type { PairedDesign } from '../paired/design.js';
import { checkpointPath, pairedReport } from '../paired/report.js';
import { runPairedDesign } from '../paired/run-design.js';
import { useBackend } from '../tf/backend.js';
import { trainWithEarlyStopping } from '../tf/early-stopping.js';
import { accuracy } from '../tf/evaluate.js';
import type { Experiment, ExperimentContext, ExperimentReport } from '../types.js';

/** Seeds of the pre-registered design (apps/experiments/README.md): 12, from 4000. */
export const CLASSIFICATION_SEEDS = 12;

/** The regime of claim 4's pre-registered test; experiment 5 times its full epoch. */
export function classificationBudget(quick: boolean) {
  return {
    backend: 'wasm',
    model: 'MLP 784-256-10, noise on the hidden ReLU layer',
    hiddenUnits: 256,
    rate: 0.5,
    trainDigits: quick ? 512 : 7000,
    validationDigits: quick ? 256 : 1000,
    testDigits: quick ? 256 : 2000,
    maxEpochs: quick ? 2 : 40,
    patience: 5,
    batchSize: 128,
    learningRate: 1e-3,
    dataSeed: 13,
  };
}

/** The pre-registered design of claim 4: rate 0, Dropout (q = 2) and q = 3 at the same rate. */
export function classificationDesign(quick: boolean, seeds: number): PairedDesign {
  const budget = classificationBudget(quick);
  return {
    claim: '4: q > 2 helps image classification (q = 3 against Dropout, same rate)',
    arms: [
      { role: 'control', label: 'rate 0', rate: 0, q: 2 },
      { role: 'dropout', label: `Dropout (q=2, rate ${budget.rate})`, rate: budget.rate, q: 2 },
      { role: 'claimed', label: `q=3 (rate ${budget.rate})`, rate: budget.rate, q: 3 },
    ],
    seeds: Array.from({ length: seeds }, (_, i) => 4000 + i),
    outcome: { name: 'accuracy', direction: 'max', scale: 100, unit: 'accuracy points' },
    maxEpochs: budget.maxEpochs,
    patience: budget.patience,
  };
}

async function run(context: ExperimentContext): Promise<ExperimentReport> {
  const budget = classificationBudget(context.quick);
  const design = classificationDesign(context.quick, context.seeds);
  const runs = await runPairedDesign(
    context,
    'classification',
    design,
    checkpointPath(context.outDir, 'classification'),
    async () => {
      await useBackend('wasm');
      const data = loadMnist({
        train: budget.trainDigits,
        test: budget.testDigits,
        validation: budget.validationDigits,
        seed: budget.dataSeed,
      });
      const train = digitDataset(data.train, 'flat');
      const validation = digitDataset(data.validation, 'flat');
      const test = digitDataset(data.test, 'flat');
      return {
        stepsPerRun: Math.floor(budget.trainDigits / budget.batchSize) * budget.maxEpochs,
        run: async (arm, seed, tick) => {
          const { model } = buildMlp({
            hiddenUnits: budget.hiddenUnits,
            noise: { kind: 'sparseout', rate: arm.rate, q: arm.q, seed },
            seed,
            learningRate: budget.learningRate,
          });
          try {
            return await trainWithEarlyStopping(model, train, {
              maxEpochs: budget.maxEpochs,
              patience: budget.patience,
              batchSize: budget.batchSize,
              seed,
              direction: 'max',
              validate: (m) => accuracy(m, validation),
              test: (m) => accuracy(m, test),
              onBatch: (epoch, loss) => tick(`epoch ${epoch + 1}, loss ${loss.toFixed(3)}`),
            });
          } finally {
            model.dispose();
          }
        },
      };
    },
  );
  return pairedReport(
    context,
    'classification',
    design,
    runs,
    `MLP on mnist (${budget.trainDigits.toLocaleString('en-US')} training digits)`,
    budget,
  );
}

export const classification: Experiment = {
  name: 'classification',
  title: '4. Image classification: q = 3 against Dropout, seed-paired (pre-registered)',
  defaultSeeds: CLASSIFICATION_SEEDS,
  quickSeeds: 2,
  resumable: true,
  run,
};
