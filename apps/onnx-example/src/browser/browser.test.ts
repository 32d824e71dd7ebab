import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleWithEsbuild, bundleWithVite } from './bundle.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
};

/** Serves `root` on 127.0.0.1 (a secure context, as WebGPU needs). */
async function serve(root: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = normalize(join(root, decodeURIComponent((request.url ?? '/').split('?')[0])));
    const file = path.endsWith('/') ? join(path, 'index.html') : path;
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      response.statusCode = 404;
      response.end();
      return;
    }
    response.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

/** Opens the page in headless Chromium (WebGPU through SwiftShader) and returns what it reports. */
async function runPage(root: string): Promise<Record<string, unknown>> {
  const { chromium } = await import('playwright-core');
  const { server, origin } = await serve(root);
  const profile = mkdtempSync(join(tmpdir(), 'sparseout-onnx-example-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--enable-unsafe-webgpu',
        '--use-webgpu-adapter=swiftshader',
      ],
    });
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/`);
      const handle = await page.waitForFunction(
        () => (globalThis as { __sparseoutPage?: unknown }).__sparseoutPage,
        null,
        { timeout: 120_000 },
      );
      const report = (await handle.jsonValue()) as { result?: Record<string, unknown>; error?: string };
      if (report.error) throw new Error(`the page failed: ${report.error}`);
      return report.result ?? {};
    } finally {
      await context.close();
    }
  } finally {
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const bundlers = { esbuild: bundleWithEsbuild, vite: bundleWithVite };

describe.skipIf(!existsSync(CHROMIUM))(
  `the README's bundler setups, in headless Chromium (${CHROMIUM})`,
  () => {
    const out = mkdtempSync(join(tmpdir(), 'sparseout-bundles-'));
    afterAll(() => rmSync(out, { recursive: true, force: true }));

    for (const [name, bundle] of Object.entries(bundlers)) {
      it(`${name}: the bundled page converts Dropout at opsets 13 and 17, runs it exactly, mcPredict repeats, webgpu gives wasm's values`, async () => {
        const dir = join(out, name);
        await bundle(dir);
        const result = await runPage(dir);
        for (const opset of [13, 17]) {
          expect(result[`opset${opset}InferenceExact`]).toBe(true);
          expect(result[`opset${opset}SeededRepeats`]).toBe(true);
          expect(result[`opset${opset}VariancePositive`]).toBe(true);
          if (result.webgpu === undefined) {
            // S2.8 tolerance: float32 results within 1e-5 relative of the wasm provider's.
            expect(result[`opset${opset}WebgpuRelDiff`]).toBeLessThanOrEqual(1e-5);
          }
        }
      }, 180_000);
    }
  },
);
