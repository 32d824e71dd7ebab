import { join } from 'node:path';
import { loadLanguageData } from '../data/language.js';
import { windowDataset } from '../data/tensors.js';
import { buildLstm } from '../models/lstm.js';
import { errorBarPlot } from '../plot/error-bars.js';
import { renderPlot } from '../plot/render.js';
import { summarize } from '../report/stats.js';
import { formatMeanSpread, formatNumber } from '../report/table.js';
import { compareArms } from '../report/verdict.js';
import { useBackend } from '../tf/backend.js';
import { perplexity } from '../tf/evaluate.js';
import { trainEpochs } from '../tf/train.js';
import type { Experiment, ExperimentContext, ExperimentReport } from '../types.js';

export const LANGUAGE_QS = [1, 1.5, 2, 2.5];

/** The budget of this experiment; experiment 5 times the full one. */
export function languageBudget(quick: boolean) {
  return {
    backend: 'wasm',
    level: 'character',
    rate: 0.25,
    units: 64,
    timeSteps: 16,
    batchSize: 128,
    trainBatches: quick ? 2 : 75,
    evalWindows: quick ? 32 : 512,
    learningRate: 1e-2,
    minCharCount: 100,
    dataSeed: 11,
  };
}

interface LanguageRun {
  q: number;
  seed: number;
  validationPerplexity: number;
  testPerplexity: number;
  finalTrainLoss: number;
  epochSeconds: number;
}

async function run(context: ExperimentContext): Promise<ExperimentReport> {
  const budget = languageBudget(context.quick);
  await useBackend('wasm');
  const data = loadLanguageData({
    seed: budget.dataSeed,
    timeSteps: budget.timeSteps,
    trainWindows: budget.trainBatches * budget.batchSize,
    evalWindows: budget.evalWindows,
    minCharCount: budget.minCharCount,
  });
  const vocabularySize = data.vocabulary.size;
  const train = windowDataset(data.train, vocabularySize);
  const validation = windowDataset(data.validation, vocabularySize);
  const test = windowDataset(data.test, vocabularySize);
  const seeds = Array.from({ length: context.seeds }, (_, i) => 2000 + i);
  const bar = context.progress('language', LANGUAGE_QS.length * seeds.length * budget.trainBatches);
  const runs: LanguageRun[] = [];
  for (const seed of seeds) {
    for (const q of LANGUAGE_QS) {
      const model = buildLstm({
        timeSteps: budget.timeSteps,
        vocabularySize,
        units: budget.units,
        noise: { kind: 'sparseout', rate: budget.rate, q, seed },
        seed,
        learningRate: budget.learningRate,
      });
      const trained = await trainEpochs(model, train, {
        epochs: 1,
        batchSize: budget.batchSize,
        seed,
        onBatch: (_, loss) => bar.tick(`q ${q}, seed ${seed}, loss ${loss.toFixed(3)}`),
      });
      runs.push({
        q,
        seed,
        validationPerplexity: await perplexity(model, validation),
        testPerplexity: await perplexity(model, test),
        finalTrainLoss: trained.epochLoss[0],
        epochSeconds: trained.epochSeconds[0],
      });
      model.dispose();
    }
  }
  bar.stop();
  const perQ = LANGUAGE_QS.map((q) => {
    const ofQ = runs.filter((r) => r.q === q);
    return {
      q,
      validation: summarize(ofQ.map((r) => r.validationPerplexity)),
      test: summarize(ofQ.map((r) => r.testPerplexity)),
    };
  });
  const figure = await renderPlot(
    errorBarPlot(
      perQ.flatMap((p) => [
        {
          x: p.q,
          mean: p.validation.mean,
          low: p.validation.mean - p.validation.sd,
          high: p.validation.mean + p.validation.sd,
          series: 'validation',
        },
        {
          x: p.q,
          mean: p.test.mean,
          low: p.test.mean - p.test.sd,
          high: p.test.mean + p.test.sd,
          series: 'test',
        },
      ]),
      {
        title: `Character LSTM on State of the Union: perplexity vs q (${seeds.length} seeds, mean ± sd)`,
        xTitle: 'q',
        yTitle: 'per-character perplexity',
        ruleAtX: 2,
      },
    ),
    join(context.outDir, 'language'),
  );
  const atTwo = perQ.find((p) => p.q === 2);
  if (!atTwo) throw new Error('q = 2 (Dropout) is the baseline and must be in the sweep');
  // The q < 2 arm is chosen on validation; test perplexity then confirms or not.
  const bestBelow = perQ
    .filter((p) => p.q < 2)
    .reduce((a, b) => (b.validation.mean < a.validation.mean ? b : a));
  const validationVerdict = compareArms(
    atTwo.validation.mean - bestBelow.validation.mean,
    bestBelow.validation,
    atTwo.validation,
  );
  const testVerdict = compareArms(atTwo.test.mean - bestBelow.test.mean, bestBelow.test, atTwo.test);
  const verdict =
    validationVerdict === testVerdict
      ? validationVerdict
      : validationVerdict === 'DID NOT HOLD' || testVerdict === 'DID NOT HOLD'
        ? 'DID NOT HOLD'
        : 'NOT SHOWN (within seed noise)';
  return {
    table: {
      columns: ['q', 'validation perplexity', 'test perplexity', 'seeds'],
      rows: perQ.map((p) => [
        String(p.q),
        formatMeanSpread(p.validation.mean, p.validation.sd),
        formatMeanSpread(p.test.mean, p.test.sd),
        String(p.validation.n),
      ]),
    },
    results: {
      perQ,
      runs,
      verdicts: { validation: validationVerdict, test: testVerdict },
      vocabulary: data.vocabulary.chars.join(''),
      vocabularySize,
      addresses: {
        train: data.split.train.map((a) => a.id),
        validation: data.split.validation.map((a) => a.id),
        test: data.split.test.map((a) => a.id),
      },
      characters: data.characters,
    },
    budget: { ...budget, seeds, trainCharacters: budget.trainBatches * budget.batchSize * budget.timeSteps },
    figures: [figure],
    verdict:
      `${verdict}: best q < 2 on validation (q=${bestBelow.q}) against q=2 (Dropout): validation perplexity ` +
      `${formatNumber(bestBelow.validation.mean, 4)} vs ${formatNumber(atTwo.validation.mean, 4)} (${validationVerdict}), ` +
      `test ${formatNumber(bestBelow.test.mean, 4)} vs ${formatNumber(atTwo.test.mean, 4)} (${testVerdict}); ` +
      `HELD needs a gain above 2 standard errors of the difference over ${atTwo.validation.n} seeds.`,
  };
}

export const language: Experiment = {
  name: 'language',
  title: '3. Language modelling: character LSTM on State of the Union addresses against q',
  defaultSeeds: 2,
  run,
};
