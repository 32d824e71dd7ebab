import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { outputVariance } from '@sparseout/core';
import { type LaunchedChromium, launchChromium, type Page } from '@sparseout/testkit';
import { type PreviewServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hoeffdingHalfWidth } from './noise/hoeffding.js';
import { sampleInputs } from './noise/inputs.js';
import { NOISE_DELTA, NOISE_SAMPLES, NOISE_SEED } from './noise/panel.js';

// The built page (dist/, `pnpm build` first: turbo's test task depends on build) in headless
// Chromium. Any console error or uncaught page error fails the run; a screenshot of each panel
// goes to out/<panel>.png (scripts/readme-screenshot.mjs puts one into the root README).

const app = fileURLToPath(new URL('..', import.meta.url));
const out = join(app, 'out');
const errors: string[] = [];
let server: PreviewServer;
let browser: LaunchedChromium;
let page: Page;

const NO_WEBGL = `for (const Canvas of [HTMLCanvasElement, OffscreenCanvas]) {
  const getContext = Canvas.prototype.getContext;
  Canvas.prototype.getContext = function (type, ...rest) {
    return String(type).includes('webgl') ? null : getContext.call(this, type, ...rest);
  };
}`;

async function open(query = '', withoutWebgl = false): Promise<Page> {
  const p = await browser.context.newPage();
  if (withoutWebgl) {
    // A browser without WebGL: every canvas refuses webgl, experimental-webgl and webgl2
    // contexts. (A string, so the test's transform cannot add helpers the page lacks.)
    await p.addInitScript({ content: NO_WEBGL });
  }
  p.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
    // Observable Plot reports a chart built from data it cannot place as a warning; count it too.
    if (message.type() === 'warning' && message.text().startsWith('Warning:'))
      errors.push(`Plot: ${message.text()}`);
  });
  p.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  await p.goto(`${server.resolvedUrls!.local[0]}${query}`);
  await p.waitForSelector('body[data-ready]', { timeout: 60_000 });
  expect(await p.getAttribute('body', 'data-ready'), (await p.textContent('#page-error')) ?? '').toBe('true');
  return p;
}

/** Moves a range slider as a keyboard user does: Home, then `steps` presses of ArrowRight. */
async function slide(p: Page, id: string, steps: number): Promise<void> {
  await p.focus(`#${id}`);
  await p.keyboard.press('Home');
  for (let i = 0; i < steps; i++) await p.keyboard.press('ArrowRight');
}

async function numbers(p: Page, selector: string, names: string[]): Promise<Record<string, number>> {
  const values = await p.$eval(
    selector,
    (element, keys) => keys.map((k) => (element as HTMLElement).dataset[k] ?? 'missing'),
    names,
  );
  return Object.fromEntries(names.map((name, i) => [name, Number(values[i])]));
}

beforeAll(async () => {
  server = await preview({
    configFile: false,
    root: app,
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  // The page's own feature tests decide webgl or wasm; WebGPU stays off, as in a default browser.
  browser = await launchChromium({ webgpu: false, viewport: { width: 1200, height: 900 } });
  mkdirSync(out, { recursive: true });
  page = await open();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the playground page in Chromium', () => {
  it('states the backends in use: tfjs webgl where the browser has it, else wasm', async () => {
    expect(['webgl', 'wasm']).toContain(await page.textContent('#backend-tfjs'));
    expect(['wasm', 'js']).toContain(await page.textContent('#backend-core'));
    expect(await page.textContent('#backend-ort')).toBe('wasm');
  });

  // Each slider position is checked against S5 computed here, in Node, from the same inputs (the
  // page's seeded draws of x, regenerated): 3 Hoeffding bounds at delta = 1e-6 each per position,
  // 2 positions, so a correct sampler fails this test with probability <= 6e-6 over seeds (the
  // seed is fixed, so the outcome is deterministic). n = 20,000 draws per position.
  it('S5.1-S5.3 the histogram figures follow the prediction as the q slider moves (n = 20,000, false-failure rate <= 6e-6)', async () => {
    expect(NOISE_DELTA).toBe(1e-6);
    await page.selectOption('#noise-dist', 'relu');
    await slide(page, 'noise-rate', 6); // 0.3
    const x = sampleInputs('relu', NOISE_SAMPLES, NOISE_SEED);
    const seen: { q: number; variance: number; counts: string }[] = [];
    for (const [steps, q] of [
      [10, 1],
      [30, 3],
    ] as const) {
      await slide(page, 'noise-q', steps);
      const settings = await numbers(page, '#noise-figures', ['q', 'rate', 'n', 'delta']);
      expect(settings).toEqual({ q, rate: 0.3, n: NOISE_SAMPLES, delta: NOISE_DELTA });
      const r = 0.3;
      const kept = r / (1 - r);
      let predicted = 0;
      let shiftRanges = 0;
      let squareRanges = 0;
      for (const value of x) {
        const v = outputVariance(value, { rate: r, q });
        predicted += v / x.length;
        shiftRanges += v / kept / (1 - r) ** 2;
        squareRanges += ((v / kept) * (kept * kept - 1)) ** 2;
      }
      const variance = await numbers(page, '#noise-variance', ['measured', 'predicted']);
      expect(variance.predicted).toBeCloseTo(predicted, 12);
      const varianceBound = hoeffdingHalfWidth(squareRanges, x.length, NOISE_DELTA);
      expect(Math.abs(variance.measured - predicted)).toBeLessThanOrEqual(varianceBound);
      const dropped = await numbers(page, '#noise-dropped', ['measured']);
      expect(Math.abs(dropped.measured - r)).toBeLessThanOrEqual(
        hoeffdingHalfWidth(x.length, x.length, NOISE_DELTA),
      );
      const shift = await numbers(page, '#noise-mean', ['measured']);
      expect(Math.abs(shift.measured)).toBeLessThanOrEqual(
        hoeffdingHalfWidth(shiftRanges, x.length, NOISE_DELTA),
      );
      expect(
        await page.$$eval('#noise-figures [data-holds]', (rows) =>
          rows.map((r) => (r as HTMLElement).dataset.holds),
        ),
      ).toEqual(['true', 'true', 'true']);
      expect(await page.$$eval('#noise-histogram svg rect', (rects) => rects.length)).toBeGreaterThan(20);
      seen.push({
        q,
        variance: variance.measured,
        counts: (await page.getAttribute('#noise-histogram', 'data-counts-y'))!,
      });
    }
    // E|x|^3 / E|x| over ReLU(N(0, 1)) is 2: the variance the page measured must have moved with q.
    expect(seen[1].variance / seen[0].variance).toBeGreaterThan(1.5);
    expect(seen[1].counts).not.toBe(seen[0].counts);
    await page.locator('#noise').screenshot({ path: join(out, 'noise.png') });
  });

  // A classifier that guesses at random gets more than 20% of 500 balanced test digits right with
  // probability below 1e-9 (binomial(500, 0.1): 100 is 7.5 standard deviations above 50).
  it('trains both MLPs batch by batch and plots test accuracy and Hoyer sparsity per epoch', async () => {
    await page.click('#train-start');
    await page.waitForFunction(
      () => document.querySelectorAll('#train-table .train-point').length >= 2,
      undefined,
      {
        timeout: 90_000,
      },
    );
    await page.click('#train-start'); // Stop
    await page.waitForSelector('#train-status[data-running="false"]', { timeout: 60_000 });
    const points = await page.$$eval('#train-table .train-point', (rows) =>
      rows.map((r) => ({ ...(r as HTMLElement).dataset })),
    );
    expect(points.slice(0, 2).map((p) => [p.epoch, p.run])).toEqual([
      ['1', 'Sparseout'],
      ['1', 'Dropout'],
    ]);
    for (const p of points) {
      expect(Number(p.accuracy)).toBeGreaterThan(0.2);
      expect(Number(p.accuracy)).toBeLessThanOrEqual(1);
      expect(Number(p.hoyer)).toBeGreaterThan(0);
      expect(Number(p.hoyer)).toBeLessThan(1);
    }
    // One epoch is 1,000 digits in batches of 50, for each of the two runs.
    expect(Number(await page.getAttribute('#train-status', 'data-batches'))).toBeGreaterThanOrEqual(40);
    expect(
      await page.$$eval('#train-accuracy svg circle, #train-sparsity svg circle', (c) => c.length),
    ).toBeGreaterThanOrEqual(4);
    await page.locator('#training').screenshot({ path: join(out, 'training.png') });
  });

  it('runs mcPredict on a held-out digit: mean probabilities that sum to 1, with a spread', async () => {
    await page.click('#mc-gallery button[data-digit="7"]');
    await page.click('#mc-run');
    await page.waitForSelector('#mc-result[data-state="done"], #mc-result[data-state="failed"]', {
      timeout: 60_000,
    });
    expect(
      await page.getAttribute('#mc-result', 'data-state'),
      (await page.textContent('#mc-result')) ?? '',
    ).toBe('done');
    const read = async (name: string) =>
      (await page.getAttribute('#mc-result', name))!.split(',').map(Number);
    const mean = await read('data-mean');
    const variance = await read('data-variance');
    expect(mean).toHaveLength(10);
    expect(Math.abs(mean.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-5);
    expect(variance.every((v) => v >= 0)).toBe(true);
    expect(variance.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(await page.getAttribute('#mc-result', 'data-samples')).toBe('50');
    expect(await page.getAttribute('#mc-result', 'data-label')).toBe('7');
    expect(await page.getAttribute('#mc-result', 'data-predicted')).toBe('7');
    await page.locator('#uncertainty').screenshot({ path: join(out, 'uncertainty.png') });
    // Drawing on the pad makes the drawing the input.
    const pad = (await page.locator('#mc-pad').boundingBox())!;
    await page.mouse.move(pad.x + pad.width / 2, pad.y + pad.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(pad.x + pad.width / 2, pad.y + pad.height * 0.8, { steps: 12 });
    await page.mouse.up();
    expect(await page.textContent('#mc-chosen')).toBe('your drawing');
  });

  it('with ?backend=wasm loads the tfjs wasm backend from the copied .wasm files and trains on it', async () => {
    const wasmPage = await open('?backend=wasm');
    expect(await wasmPage.textContent('#backend-tfjs')).toBe('wasm');
    await wasmPage.click('#train-start');
    await wasmPage.waitForFunction(
      () => document.querySelectorAll('#train-table .train-point').length >= 2,
      undefined,
      {
        timeout: 90_000,
      },
    );
    await wasmPage.click('#train-start');
    await wasmPage.waitForSelector('#train-status[data-running="false"]', { timeout: 60_000 });
    const accuracy = await wasmPage.$$eval('#train-table .train-point', (rows) =>
      rows.map((r) => Number((r as HTMLElement).dataset.accuracy)),
    );
    for (const a of accuracy) expect(a).toBeGreaterThan(0.2);
    await wasmPage.close();
  });

  it('falls back to the wasm backend in a browser without WebGL', async () => {
    const noWebgl = await open('', true);
    expect(await noWebgl.textContent('#backend-tfjs')).toBe('wasm');
    await noWebgl.close();
  });

  it('logged no console error and no uncaught error', () => {
    expect(errors).toEqual([]);
  });
});
