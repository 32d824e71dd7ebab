/**
 * @sparseout/tfjs in headless Chromium, on tfjs's webgl and webgpu backends:
 * - the fused `sparseout` op (Philox mask drawn in the shader) against `tf.dropout` on the same
 *   backend, 2^20 float32 elements, rate 0.5, q = 1.5 (target 0.5x);
 * - one training step (trainOnBatch) of an MLP 784-512-512-10, batch 128, with two Sparseout
 *   layers against the same MLP with two Dropout layers (target 1.05x).
 * The page (browser/tfjs-page.ts) is bundled by esbuild and served from 127.0.0.1 (WebGPU needs
 * a secure context); each timed call is one page.evaluate round trip on both sides.
 */
import { fileURLToPath } from 'node:url';
import { bundleForBrowser, openPage, type Page } from '@sparseout/testkit';
import type { BenchSuite, TimeCase, TimedPair } from '../types.js';

const RATE = 0.5;
const Q = 1.5;
const BACKENDS = ['webgl', 'webgpu'] as const;
type Backend = (typeof BACKENDS)[number];

type Bench = Record<string, (...args: unknown[]) => Promise<unknown>>;

let bundled: Promise<string> | undefined;

/** The page's code: browser/tfjs-page.js with @sparseout/tfjs and tfjs, bundled once. */
function bundle(): Promise<string> {
  bundled ??= bundleForBrowser(fileURLToPath(new URL('../browser/tfjs-page.js', import.meta.url)));
  return bundled;
}

/** Calls `name(...args)` of the page's bench object. */
function call(page: Page, name: string, ...args: unknown[]): Promise<unknown> {
  return page.evaluate(
    ([n, a]) =>
      (globalThis as unknown as { __sparseoutBench: Bench }).__sparseoutBench[n as string](
        ...(a as unknown[]),
      ),
    [name, args] as const,
  );
}

/** Opens the page, runs `prepare` there, and returns the pair of timed calls. */
async function pagePair(
  prepare: (page: Page) => Promise<unknown>,
  candidate: (page: Page) => Promise<unknown>,
  baseline: (page: Page) => Promise<unknown>,
): Promise<TimedPair> {
  const { page, close } = await openPage(await bundle(), '__sparseoutBench');
  try {
    await prepare(page);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    candidate: () => candidate(page),
    baseline: () => baseline(page),
    teardown: async () => {
      await call(page, 'teardown');
      await close();
    },
  };
}

function opCase(backend: Backend): TimeCase {
  return {
    kind: 'time',
    name: `${backend} (Chromium, SwiftShader): sparseout op, 2^20 f32, rate ${RATE}, q ${Q}`,
    baseline: `tf.dropout (${backend})`,
    target: 0.5,
    setup: ({ quick }) =>
      pagePair(
        (page) => call(page, 'setupOp', backend, 2 ** (quick ? 14 : 20)),
        (page) => call(page, 'op', 'sparseout', RATE, Q),
        (page) => call(page, 'op', 'dropout', RATE, Q),
      ),
  };
}

function mlpCase(backend: Backend): TimeCase {
  return {
    kind: 'time',
    name: `${backend} (Chromium, SwiftShader): MLP 784-512-512-10 training step, batch 128, Sparseout layers (rate ${RATE}, q ${Q})`,
    baseline: `same MLP with tf.layers.dropout (${backend})`,
    target: 1.05,
    setup: ({ quick }) => {
      const [hidden, size] = quick ? [64, 16] : [512, 128];
      return pagePair(
        (page) => call(page, 'setupMlp', backend, hidden, size, RATE, Q),
        (page) => call(page, 'step', 'sparseout'),
        (page) => call(page, 'step', 'dropout'),
      );
    },
  };
}

const suite: BenchSuite = {
  name: 'tfjs-browser',
  cases: [...BACKENDS.map(opCase), ...BACKENDS.map(mlpCase)],
  notes:
    'Headless Chromium on this machine has no GPU: WebGL2 and WebGPU run on SwiftShader, a CPU ' +
    'implementation of a GPU, so these ratios say how the kernels compare on a software ' +
    "rasteriser sharing the machine's cores, not what a hardware GPU would show. Each call is one " +
    'page.evaluate round trip and ends when the GPU is done: on webgl by reading back one element ' +
    'of the output (a one-element slice), on webgpu by waiting for the queue (onSubmittedWorkDone). tf.dropout draws ' +
    'its random numbers on the CPU and uploads them; the Sparseout kernels draw the Philox mask ' +
    'in the shader.',
};

export default suite;
