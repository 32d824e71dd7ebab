import { loadLanguageData } from '../data/language.js';
import { windowDataset } from '../data/tensors.js';
import { buildLstm } from '../models/lstm.js';
import type { PairedDesign } from '../paired/design.js';
import { checkpointPath, pairedReport } from '../paired/report.js';
import { runPairedDesign } from '../paired/run-design.js';
import { useBackend } from '../tf/backend.js';
import { trainWithEarlyStopping } from '../tf/early-stopping.js';
import { perplexity } from '../tf/evaluate.js';
import type { Experiment, ExperimentContext, ExperimentReport } from '../types.js';

/** Seeds of the pre-registered design (apps/experiments/README.md): 8, from 5000. */
export const LANGUAGE_SEEDS = 8;

/** The regime of claim 3's pre-registered test; experiment 5 times its full epoch. */
export function languageBudget(quick: boolean) {
  return {
    backend: 'wasm',
    level: 'character',
    model: 'LSTM(64) on one-hot characters, noise on the LSTM outputs, dense softmax per step',
    rate: 0.25,
    units: 64,
    timeSteps: 16,
    batchSize: 128,
    trainCharacters: quick ? 2 * 128 * 16 : 150_000,
    validationWindows: quick ? 64 : 1024,
    testWindows: quick ? 64 : 2048,
    maxEpochs: quick ? 2 : 30,
    patience: 4,
    learningRate: 1e-2,
    minCharCount: 100,
    dataSeed: 11,
  };
}

/** The pre-registered design of claim 3: rate 0, Dropout (q = 2) and q = 1.5 at the same rate. */
export function languageDesign(quick: boolean, seeds: number): PairedDesign {
  const budget = languageBudget(quick);
  return {
    claim: '3: q < 2 helps language modelling (q = 1.5 against Dropout, same rate)',
    arms: [
      { role: 'control', label: 'rate 0', rate: 0, q: 2 },
      { role: 'dropout', label: `Dropout (q=2, rate ${budget.rate})`, rate: budget.rate, q: 2 },
      { role: 'claimed', label: `q=1.5 (rate ${budget.rate})`, rate: budget.rate, q: 1.5 },
    ],
    seeds: Array.from({ length: seeds }, (_, i) => 5000 + i),
    outcome: { name: 'perplexity', direction: 'min', scale: 1, unit: 'perplexity' },
    maxEpochs: budget.maxEpochs,
    patience: budget.patience,
  };
}

async function run(context: ExperimentContext): Promise<ExperimentReport> {
  const budget = languageBudget(context.quick);
  const design = languageDesign(context.quick, context.seeds);
  const data = loadLanguageData({
    seed: budget.dataSeed,
    timeSteps: budget.timeSteps,
    trainCharacters: budget.trainCharacters,
    validationWindows: budget.validationWindows,
    testWindows: budget.testWindows,
    minCharCount: budget.minCharCount,
  });
  const vocabularySize = data.vocabulary.size;
  const runs = await runPairedDesign(
    context,
    'language',
    design,
    checkpointPath(context.outDir, 'language'),
    async () => {
      await useBackend('wasm');
      const train = windowDataset(data.train, vocabularySize);
      const validation = windowDataset(data.validation, vocabularySize);
      const test = windowDataset(data.test, vocabularySize);
      return {
        stepsPerRun: Math.floor(data.train.count / budget.batchSize) * budget.maxEpochs,
        run: async (arm, seed, tick) => {
          const model = buildLstm({
            timeSteps: budget.timeSteps,
            vocabularySize,
            units: budget.units,
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
              direction: 'min',
              validate: (m) => perplexity(m, validation),
              test: (m) => perplexity(m, test),
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
    'language',
    design,
    runs,
    `Character LSTM on State of the Union (${budget.trainCharacters.toLocaleString('en-US')} training characters)`,
    budget,
    {
      vocabulary: data.vocabulary.chars.join(''),
      vocabularySize,
      trainWindows: data.train.count,
      addresses: {
        train: data.split.train.map((a) => a.id),
        validation: data.split.validation.map((a) => a.id),
        test: data.split.test.map((a) => a.id),
      },
      years: {
        first: Math.min(
          ...data.split.train.concat(data.split.validation, data.split.test).map((a) => a.year),
        ),
        last: Math.max(...data.split.train.concat(data.split.validation, data.split.test).map((a) => a.year)),
      },
      characters: data.characters,
    },
  );
}

export const language: Experiment = {
  name: 'language',
  title: '3. Language modelling: q = 1.5 against Dropout, seed-paired (pre-registered)',
  defaultSeeds: LANGUAGE_SEEDS,
  quickSeeds: 2,
  resumable: true,
  run,
};
