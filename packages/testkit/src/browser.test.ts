import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForBrowser, chromiumArgs, launchChromium, serveFolder, servePage } from './index.js';

/** The slice of the page's `navigator` these tests read (no DOM types in this package). */
type GpuNavigator = { gpu?: { requestAdapter(): Promise<unknown> } };

describe('headless Chromium, as the workspace launches it', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'testkit-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('bundles an entry file and runs it in a page served from 127.0.0.1, with WebGPU', async () => {
    const entry = join(folder, 'entry.js');
    writeFileSync(entry, 'globalThis.answer = [1, 2, 3].map((x) => x * 2);\n');
    const page = await servePage(await bundleForBrowser(entry));
    const browser = await launchChromium();
    try {
      const tab = await browser.context.newPage();
      await tab.goto(`${page.origin}/`);
      await tab.waitForFunction(() => 'answer' in globalThis);
      expect(await tab.evaluate(() => (globalThis as unknown as { answer: number[] }).answer)).toEqual([
        2, 4, 6,
      ]);
      expect(
        await tab.evaluate(() => (globalThis as unknown as { isSecureContext: boolean }).isSecureContext),
      ).toBe(true);
      const hasAdapter = await tab.evaluate(async () => {
        const gpu = (globalThis as unknown as { navigator: GpuNavigator }).navigator.gpu;
        return gpu !== undefined && (await gpu.requestAdapter()) !== null;
      });
      expect(hasAdapter).toBe(true);
    } finally {
      await browser.close();
      await page.close();
    }
  }, 60_000);

  it('bundles module text resolved from a folder, and leaves WebGPU off when asked', async () => {
    const code = await bundleForBrowser({ contents: 'globalThis.ready = true;', resolveDir: folder });
    expect(chromiumArgs({ webgpu: false })).not.toContain('--enable-unsafe-webgpu');
    const page = await servePage(code);
    const browser = await launchChromium({ webgpu: false });
    try {
      const tab = await browser.context.newPage();
      await tab.goto(`${page.origin}/`);
      await tab.waitForFunction(() => 'ready' in globalThis);
      const hasAdapter = await tab.evaluate(async () => {
        const gpu = (globalThis as unknown as { navigator: GpuNavigator }).navigator.gpu;
        return gpu !== undefined && (await gpu.requestAdapter()) !== null;
      });
      expect(hasAdapter).toBe(false);
    } finally {
      await browser.close();
      await page.close();
    }
  }, 60_000);

  it('names the path when Chromium is not installed', async () => {
    await expect(launchChromium({ executablePath: join(folder, 'no-chromium') })).rejects.toThrow(
      /Chromium not found at/,
    );
  });
  it('serves a folder: index.html for /, content types, 404 outside it or for missing files', async () => {
    const site = join(folder, 'site');
    mkdirSync(site);
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(site, 'm.wasm'), new Uint8Array([0, 97, 115, 109]));
    writeFileSync(join(folder, 'secret.txt'), 'outside');
    const served = await serveFolder(site);
    try {
      const index = await fetch(`${served.origin}/`);
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toMatch(/^text\/html/);
      const wasm = await fetch(`${served.origin}/m.wasm`);
      expect(wasm.headers.get('content-type')).toBe('application/wasm');
      expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109]));
      expect((await fetch(`${served.origin}/missing.js`)).status).toBe(404);
      expect((await fetch(`${served.origin}/..%2Fsecret.txt`)).status).toBe(404);
    } finally {
      await served.close();
    }
  });
});
