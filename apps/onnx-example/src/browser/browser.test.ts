import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath, launchChromium, serveFolder } from '@sparseout/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleWithEsbuild, bundleWithVite } from './bundle.js';

/** Opens the page in headless Chromium (WebGPU through SwiftShader) and returns what it reports. */
async function runPage(root: string): Promise<Record<string, unknown>> {
  const served = await serveFolder(root);
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.goto(`${served.origin}/`);
    const handle = await page.waitForFunction(
      () => (globalThis as { __sparseoutPage?: unknown }).__sparseoutPage,
      null,
      { timeout: 120_000 },
    );
    const report = (await handle.jsonValue()) as { result?: Record<string, unknown>; error?: string };
    if (report.error) throw new Error(`the page failed: ${report.error}`);
    return report.result ?? {};
  } finally {
    await browser.close();
    await served.close();
  }
}

const bundlers = { esbuild: bundleWithEsbuild, vite: bundleWithVite };

describe(`the README's bundler setups, in headless Chromium (${chromiumPath}; a missing browser or WebGPU adapter fails the run)`, () => {
  const out = mkdtempSync(join(tmpdir(), 'sparseout-bundles-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  for (const [name, bundle] of Object.entries(bundlers)) {
    it(`${name}: the bundled page converts Dropout at opsets 13 and 17, runs it exactly, mcPredict repeats, webgpu gives wasm's values (a Dropout on a graph input too)`, async () => {
      const dir = join(out, name);
      await bundle(dir);
      const result = await runPage(dir);
      // launchChromium gives WebGPU on SwiftShader: a missing adapter fails, as a missing browser does.
      expect(result.webgpu).toBeUndefined();
      for (const opset of [13, 17]) {
        expect(result[`opset${opset}InferenceExact`]).toBe(true);
        expect(result[`opset${opset}SeededRepeats`]).toBe(true);
        expect(result[`opset${opset}VariancePositive`]).toBe(true);
        // S2.8 tolerance: float32 results within 1e-5 relative of the wasm provider's.
        expect(result[`opset${opset}WebgpuRelDiff`]).toBeLessThanOrEqual(1e-5);
      }
      // The README's WebGPU trigger (a Dropout reading a graph input) under the workaround.
      expect(result.graphInputWebgpuRelDiff).toBeLessThanOrEqual(1e-5);
    }, 180_000);
  }
});
