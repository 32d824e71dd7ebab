import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundleForBrowser,
  chromiumArgs,
  chromiumMissing,
  launchChromium,
  openPage,
  serveFolder,
} from './index.js';

/** The slice of the page's `navigator` these tests read (no DOM types in this package). */
type GpuNavigator = { gpu?: { requestAdapter(): Promise<unknown> } };

describe('headless Chromium, as the workspace launches it', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'testkit-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /**
   * Opens `code` in a fresh Chromium (WebGPU as `webgpu` says) once the global `ready` exists, and
   * returns `read()`'s value in the page and whether it has a WebGPU adapter.
   */
  async function runInPage<T>(
    code: string,
    webgpu: boolean,
    ready: string,
    read: () => T,
  ): Promise<{ value: T; hasAdapter: boolean }> {
    const { page, close } = await openPage(code, ready, { webgpu });
    try {
      const value = (await page.evaluate(read)) as T;
      const hasAdapter = await page.evaluate(async () => {
        const gpu = (globalThis as unknown as { navigator: GpuNavigator }).navigator.gpu;
        return gpu !== undefined && (await gpu.requestAdapter()) !== null;
      });
      return { value, hasAdapter };
    } finally {
      await close();
    }
  }

  it('bundles an entry file and runs it in a page served from 127.0.0.1, with WebGPU', async () => {
    const entry = join(folder, 'entry.js');
    writeFileSync(entry, 'globalThis.answer = [1, 2, 3].map((x) => x * 2);\n');
    const { value, hasAdapter } = await runInPage(await bundleForBrowser(entry), true, 'answer', () => {
      const page = globalThis as unknown as { answer: number[]; isSecureContext: boolean };
      return { answer: page.answer, isSecureContext: page.isSecureContext };
    });
    expect(value.answer).toEqual([2, 4, 6]);
    expect(value.isSecureContext).toBe(true);
    expect(hasAdapter).toBe(true);
  }, 60_000);

  it('bundles module text resolved from a folder, and leaves WebGPU off when asked', async () => {
    const code = await bundleForBrowser({ contents: 'globalThis.ready = true;', resolveDir: folder });
    expect(chromiumArgs({ webgpu: false })).not.toContain('--enable-unsafe-webgpu');
    const { value, hasAdapter } = await runInPage(
      code,
      false,
      'ready',
      () => (globalThis as unknown as { ready: boolean }).ready,
    );
    expect(value).toBe(true);
    expect(hasAdapter).toBe(false);
  }, 60_000);

  it('names the path when Chromium is not installed', async () => {
    const absent = join(folder, 'no-chromium');
    expect(chromiumMissing(absent)).toBe(
      `Chromium not found at ${absent} (apt-get install chromium, or set CHROMIUM_PATH)`,
    );
    expect(chromiumMissing()).toBeUndefined();
    await expect(launchChromium({ executablePath: absent })).rejects.toThrow(chromiumMissing(absent));
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
