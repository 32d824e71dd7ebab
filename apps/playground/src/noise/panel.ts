import { glmPenalty, type SparseoutParams, sparseout } from '@sparseout/core';
import { curveChart, histogram, histogramChart, show } from '../charts.js';
import { $, format, range } from '../dom.js';
import { type Check, holds, noiseFigures } from './figures.js';
import { DISTRIBUTIONS, type Distribution, sampleInputs } from './inputs.js';

/** Inputs drawn per update, their seed, the false-failure rate of each bound and the histogram bins. */
export const NOISE_SAMPLES = 20_000;
export const NOISE_SEED = 2019;
export const NOISE_DELTA = 1e-6;
const BINS = 60;

/** The 0.2% and 99.8% quantiles of the non-zero values of x and y together: the histogram's range. */
function displayRange(x: Float32Array, y: Float32Array): [number, number] {
  const values = [...x, ...y].filter((v) => v !== 0).sort((a, b) => a - b);
  if (values.length === 0) return [-1, 1];
  const lo = values[Math.floor(0.002 * (values.length - 1))];
  const hi = values[Math.ceil(0.998 * (values.length - 1))];
  return lo < hi ? [lo, hi] : [lo - 1, hi + 1];
}

function zeros(v: Float32Array): number {
  let count = 0;
  for (const value of v) if (value === 0) count++;
  return count / v.length;
}

/** One figure as a row: name, measured, prediction +- bound, and whether it holds (data-* for the test). */
function checkRow(id: string, name: string, check: Check, clause: string): string {
  const ok = holds(check);
  return `<tr id="${id}" data-measured="${check.measured}" data-predicted="${check.predicted}" data-bound="${check.bound}" data-holds="${ok}">
    <th>${name}</th><td>${format(check.measured)}</td><td>${format(check.predicted)} &plusmn; ${format(check.bound)}</td>
    <td class="${ok ? 'ok' : 'bad'}">${ok ? 'within' : 'outside'} (${clause})</td></tr>`;
}

/** The noise panel: sliders for q and rate over an input distribution, y = Sparseout(x), its figures. */
export function mountNoisePanel(): void {
  const q = range('noise-q');
  const rate = range('noise-rate');
  const dist = $<HTMLSelectElement>('noise-dist');
  for (const [value, label] of Object.entries(DISTRIBUTIONS)) dist.add(new Option(label, value));
  let step = 0;
  let inputs: { distribution: Distribution; x: Float32Array } | undefined;
  const update = () => {
    const distribution = dist.value as Distribution;
    if (inputs?.distribution !== distribution) {
      inputs = { distribution, x: sampleInputs(distribution, NOISE_SAMPLES, NOISE_SEED) };
    }
    const { x } = inputs;
    const params: SparseoutParams & { rate: number; q: number } = { rate: rate.value(), q: q.value() };
    const { y, mask } = sparseout(x, { ...params, seed: NOISE_SEED, step });
    const figures = noiseFigures(x, y, mask, params, NOISE_DELTA);
    const [lo, hi] = displayRange(x, y);
    const edges = Array.from({ length: BINS + 1 }, (_, b) => lo + ((hi - lo) * b) / BINS);
    const countsX = histogram(x, lo, hi, BINS);
    const countsY = histogram(y, lo, hi, BINS);
    show(
      $('noise-histogram'),
      histogramChart(edges, [
        { name: 'x', counts: countsX, total: x.length },
        { name: 'y = Sparseout(x)', counts: countsY, total: y.length },
      ]),
    );
    $('noise-histogram').dataset.countsY = countsY.join(',');
    $('noise-histogram').dataset.edges = `${lo},${hi}`;
    const grid = Array.from({ length: 121 }, (_, i) => -3 + i * 0.05);
    const penalty = (name: string, p: SparseoutParams) =>
      grid.map((a) => ({ a, value: glmPenalty([a], [1], p), name }));
    show(
      $('noise-penalty'),
      curveChart(
        [
          ...penalty(`q = ${params.q}`, params),
          ...(params.q === 2 ? [] : penalty('q = 2 (Dropout, L2)', { ...params, q: 2 })),
        ],
        { x: 'activation a (weight 1)', y: 'penalty r/(1-r) |a|^q' },
      ),
    );
    const table = $('noise-figures');
    table.dataset.n = String(figures.n);
    table.dataset.delta = String(figures.delta);
    table.dataset.q = String(params.q);
    table.dataset.rate = String(params.rate);
    table.dataset.step = String(step);
    table.innerHTML = `<tr><th></th><th>measured</th><th>S5 predicts</th><th>Hoeffding, &delta; = ${figures.delta}</th></tr>
      ${checkRow('noise-dropped', 'dropped fraction', figures.dropped, 'S5.3')}
      ${checkRow('noise-mean', 'mean of y &minus; x', figures.meanShift, 'S5.1')}
      ${checkRow('noise-variance', 'Var[y | x], averaged over x', figures.variance, 'S5.2')}
      <tr id="noise-hoyer" data-x="${figures.hoyerX}" data-y="${figures.hoyerY}"><th>Hoyer sparsity x &rarr; y</th>
        <td colspan="3">${format(figures.hoyerX)} &rarr; ${format(figures.hoyerY)} (S7.1); exact zeros ${format(zeros(x))} &rarr; ${format(zeros(y))} (not drawn)</td></tr>`;
    $('noise-n').textContent = `${figures.n.toLocaleString('en')} draws, seed ${NOISE_SEED}, step ${step}`;
  };
  q.onInput(update);
  rate.onInput(update);
  dist.addEventListener('change', update);
  $('noise-resample').addEventListener('click', () => {
    step++;
    update();
  });
  update();
}
