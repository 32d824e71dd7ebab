import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForBrowser, chromiumArgs, launchChromium, servePage } from './index.js';

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
});
