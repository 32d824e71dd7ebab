import { configureWasm, createSparseoutSession, mcPredict, replaceDropout } from '@sparseout/onnxruntime-web';
import * as ort from 'onnxruntime-web';
import { BASE } from '../backend.js';
import { probabilityChart, show } from '../charts.js';
import { ASSETS, CLASSES, type DigitSet, PIXELS, SIDE } from '../digits-format.js';
import { $, format, range } from '../dom.js';
import { DrawingPad } from './pad.js';

/** Seed of the MC passes (mcPredict seeds the Sparseout nodes seed, seed + 1, ...). */
export const MC_SEED = 1;

/** Draws a 28 x 28 digit (pixels in [0, 1]) into `canvas`, white on black. */
function paint(canvas: HTMLCanvasElement, pixels: Float32Array): void {
  const context = canvas.getContext('2d')!;
  const image = context.createImageData(SIDE, SIDE);
  for (let p = 0; p < PIXELS; p++) {
    const v = Math.round(pixels[p] * 255);
    image.data.set([v, v, v, 255], p * 4);
  }
  context.putImageData(image, 0, 0);
}

/**
 * The uncertainty panel: the build's ONNX classifier (trained with Dropout), converted in the page
 * by `replaceDropout` with the slider's q, and `mcPredict` on a held-out digit the visitor picks or
 * on one they draw: the mean class probabilities and their spread over the Monte Carlo passes.
 */
export function mountUncertaintyPanel(test: DigitSet): void {
  configureWasm({ wasmPaths: new URL(ASSETS.ortWasm, BASE).href, numThreads: 1 });
  const q = range('mc-q');
  const samples = range('mc-samples');
  const pad = new DrawingPad($<HTMLCanvasElement>('mc-pad'));
  const gallery = $('mc-gallery');
  let chosen: { pixels: Float32Array; label?: number } | undefined;
  const select = (pixels: Float32Array, label: number | undefined, button?: HTMLElement) => {
    chosen = { pixels, label };
    for (const b of gallery.querySelectorAll('button')) b.classList.toggle('chosen', b === button);
    $('mc-chosen').textContent = label === undefined ? 'your drawing' : `a held-out ${label}`;
  };
  for (let digit = 0; digit < CLASSES; digit++) {
    const index = test.labels.indexOf(digit);
    if (index < 0) continue;
    const pixels = test.images.slice(index * PIXELS, (index + 1) * PIXELS);
    const button = document.createElement('button');
    button.className = 'digit';
    button.dataset.digit = String(digit);
    button.title = `held-out test digit ${digit}`;
    const canvas = document.createElement('canvas');
    canvas.width = SIDE;
    canvas.height = SIDE;
    paint(canvas, pixels);
    button.append(canvas);
    button.addEventListener('click', () => select(pixels, digit, button));
    gallery.append(button);
  }
  pad.onDraw = () => select(pad.pixels(), undefined);
  $('mc-clear').addEventListener('click', () => pad.clear());
  select(test.images.slice(0, PIXELS), test.labels[0], gallery.querySelector('button') ?? undefined);
  let dropoutModel: Promise<Uint8Array> | undefined;
  const button = $<HTMLButtonElement>('mc-run');
  const result = $('mc-result');
  button.addEventListener('click', async () => {
    if (!chosen) return;
    button.disabled = true;
    result.dataset.state = 'running';
    try {
      dropoutModel ??= fetch(new URL(ASSETS.classifier, BASE)).then(async (r) => {
        if (!r.ok) throw new Error(`${ASSETS.classifier}: HTTP ${r.status}`);
        return new Uint8Array(await r.arrayBuffer());
      });
      const withSparseout = replaceDropout(await dropoutModel, { q: q.value() });
      const session = await createSparseoutSession(withSparseout);
      const count = samples.value();
      const { probs } = await mcPredict(
        session,
        { pixels: new ort.Tensor('float32', chosen.pixels, [1, PIXELS]) },
        {
          samples: count,
          seed: MC_SEED,
          onProgress: (done, total) => (result.textContent = `pass ${done} of ${total}`),
        },
      );
      await session.release();
      const std = probs.variance.map(Math.sqrt);
      let best = 0;
      for (let k = 1; k < CLASSES; k++) if (probs.mean[k] > probs.mean[best]) best = k;
      const spread = probs.variance.reduce((a, b) => a + b, 0);
      show($('mc-chart'), probabilityChart(probs.mean, std));
      result.dataset.mean = Array.from(probs.mean).join(',');
      result.dataset.variance = Array.from(probs.variance).join(',');
      result.dataset.samples = String(count);
      result.dataset.predicted = String(best);
      result.dataset.label = chosen.label === undefined ? '' : String(chosen.label);
      result.textContent = `predicted ${best} with mean probability ${format(probs.mean[best])} \u00b1 ${format(std[best])} (sd over ${count} passes, q ${q.value()}); summed variance ${format(spread)}; ONNX model ${withSparseout.length.toLocaleString('en')} bytes after replaceDropout`;
      result.dataset.state = 'done';
    } catch (error) {
      result.textContent = `mcPredict failed: ${error}`;
      result.dataset.state = 'failed';
      console.error(error);
    } finally {
      button.disabled = false;
    }
  });
}
