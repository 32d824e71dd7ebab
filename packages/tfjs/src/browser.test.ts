/**
 * The webgl and webgpu kernels in real headless Chromium: WebGL2 and WebGPU through SwiftShader
 * (a CPU implementation of a GPU), the page (browser_page.testkit.ts) bundled by esbuild and
 * served from 127.0.0.1 (WebGPU needs a secure context), driven by playwright-core.
 */
import { fileURLToPath } from 'node:url';
import { bernoulliMask } from '@sparseout/core';
import {
  bundleForBrowser,
  type LaunchedChromium,
  launchChromium,
  type ServedPage,
  servePage,
} from '@sparseout/testkit';
import '@sparseout/testkit/matchers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const GPU_BACKENDS = ['webgl', 'webgpu'] as const;

type Page = import('playwright-core').Page;
let served: ServedPage;
let browser: LaunchedChromium;
let page: Page;

async function openPage(query = ''): Promise<Page> {
  const opened = await browser.context.newPage();
  const errors: string[] = [];
  opened.on('pageerror', (error) => errors.push(String(error)));
  await opened.goto(`${served.origin}/${query}`);
  await opened.waitForFunction(() => '__sparseoutBrowserTests' in globalThis, undefined, { timeout: 60_000 });
  if (errors.length > 0) throw new Error(errors.join('\n'));
  return opened;
}

/** Runs a scenario of the page (browser_page.testkit.ts) and returns its summary. */
function run<T>(on: Page, name: string, ...args: unknown[]): Promise<T> {
  return on.evaluate(
    ([n, a]) => {
      const tests = (
        globalThis as unknown as { __sparseoutBrowserTests: Record<string, (...x: unknown[]) => unknown> }
      ).__sparseoutBrowserTests;
      return tests[n as string](...(a as unknown[]));
    },
    [name, args] as const,
  ) as Promise<T>;
}

beforeAll(async () => {
  const code = await bundleForBrowser(fileURLToPath(new URL('./browser_page.testkit.ts', import.meta.url)));
  served = await servePage(code);
  browser = await launchChromium();
  page = await openPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

const KAT = [
  ['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8'],
  ['408f276d', '41c83b0e', 'a20bc7c6', '6d5451fd'],
  ['d16cfe09', '94fdcceb', '5001e420', '24126ea1'],
];

describe.each(GPU_BACKENDS)('the %s kernels in headless Chromium', (backend) => {
  it('has a WebGPU adapter (SwiftShader) when testing webgpu', async () => {
    if (backend === 'webgpu') expect(await run<string | null>(page, 'webgpuAdapter')).not.toBeNull();
  });

  it('S4.3 the shader Philox4x32-10 gives the Random123 known answers', async () => {
    expect(await run(page, 'kat', backend)).toEqual(KAT);
  });

  it('S4.2 S2.8 seeded masks bit-identical to core at sizes 1, 3, 4, 5, 1023, 2^20+3; values within 1e-5', async () => {
    const sizes = [1, 3, 4, 5, 1023, 2 ** 20 + 3];
    // q near 2 is where 1 - g cancels in float32; 0, 1, 3, 4 take the exact forms.
    for (const [rate, q] of [
      [0.5, 1.5],
      [0.1, 0.5],
      [0.3, 2 - 2 ** -10],
      [0.3, 2 + 2 ** -10],
      [0.5, 0],
      [0.2, 1],
      [0.2, 3],
      [0.2, 4],
    ]) {
      const results = await run<
        { n: number; maskMismatches: number; worstRelative: number; badSpecial: number }[]
      >(page, 'seeded', backend, sizes, rate, q);
      expect(results.map((r) => r.n)).toEqual(sizes);
      for (const r of results) {
        expect(r, `n = ${r.n}, rate ${rate}, q ${q}`).toMatchObject({ maskMismatches: 0, badSpecial: 0 });
        expect(r.worstRelative, `n = ${r.n}, rate ${rate}, q ${q}`).toBeLessThanOrEqual(1e-5);
      }
    }
  });

  it('S4.1 noise-shaped masks are core cells broadcast over x, seeded or explicit', async () => {
    const results = await run<{ mismatches: number; valueErrors: number }[]>(page, 'noiseShapes', backend);
    expect(results.length).toBe(8);
    for (const r of results) expect(r).toMatchObject({ mismatches: 0, valueErrors: 0 });
  });

  it('S3.1 S3.2 tf.grad runs the fused gradient kernel, within float32 tolerance of the reference', async () => {
    const results = await run<{ worstRelative: number; nonFinite: number }[]>(page, 'gradients', backend);
    expect(results).toHaveLength(8);
    for (const r of results) {
      expect(r.nonFinite).toBe(0);
      expect(r.worstRelative).toBeLessThanOrEqual(1e-5);
    }
  });

  it('S3 tf.grad of tf.grad through the fused kernels at rank 5, within float32 tolerance of the reference', async () => {
    const { got, expected } = await run<{ got: number[]; expected: number[] }>(page, 'secondOrder', backend);
    expect(got).toAgree(expected);
  });

  it('model.fit trains through Sparseout layers on the fused kernels (losses finite and falling)', async () => {
    const { fused, losses } = await run<{ fused: boolean; losses: number[] }>(page, 'fit', backend);
    expect(fused).toBe(true);
    expect(losses).toHaveLength(12);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
  });
});

describe('the webgl kernels on a WebGL1 context (WEBGL_VERSION 1)', () => {
  it('S4.2 S4.1 seeded masks still equal core (cells drawn by core, uploaded), values within 1e-5', async () => {
    const webgl1Page = await openPage('?webgl1=1');
    try {
      const version = await webgl1Page.evaluate(async () => {
        const g = globalThis as unknown as { __sparseoutBrowserTests: { webglVersion(): Promise<number> } };
        return g.__sparseoutBrowserTests.webglVersion();
      });
      expect(version).toBe(1);
      const seeded = await run<{ maskMismatches: number; worstRelative: number; badSpecial: number }[]>(
        webgl1Page,
        'seeded',
        'webgl',
        [1, 5, 1023, 4099],
        0.5,
        1.5,
      );
      for (const r of seeded) {
        expect(r).toMatchObject({ maskMismatches: 0, badSpecial: 0 });
        expect(r.worstRelative).toBeLessThanOrEqual(1e-5);
      }
      const shaped = await run<{ mismatches: number; valueErrors: number }[]>(
        webgl1Page,
        'noiseShapes',
        'webgl',
      );
      for (const r of shaped) expect(r).toMatchObject({ mismatches: 0, valueErrors: 0 });
    } finally {
      await webgl1Page.close();
    }
  });
});

describe('the webgl kernels on float16 textures (WEBGL_FORCE_F16_TEXTURES)', () => {
  it('S2.6 S2.7 S3.4 zeros stay zero, NaN stays put, outputs and gradients finite', async () => {
    const f16Page = await openPage('?f16=1');
    try {
      const result = await run<Record<string, unknown>>(f16Page, 'float16');
      expect(result).toEqual({ f16: true, badZeros: 0, badNaN: 0, nonFiniteY: 0, nonFiniteDx: 0 });
    } finally {
      await f16Page.close();
    }
  });
});

it('the reference masks of these tests are core masks (sanity: rate 0.5 drops about half)', () => {
  const mask = bernoulliMask(4096, 0.5, { seed: 1 });
  const kept = mask.reduce((a, b) => a + b, 0);
  // 4096 fair draws: P(|kept - 2048| > 320) < 1e-9.
  expect(Math.abs(kept - 2048)).toBeLessThan(320);
});
