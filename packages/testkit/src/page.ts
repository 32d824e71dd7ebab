import type { Page } from 'playwright-core';
import { type LaunchOptions, launchChromium } from './chromium.js';
import { servePage } from './serve.js';

/** A bundle running in a fresh headless Chromium: the page, and `close`, which frees browser and server. */
export interface OpenedPage {
  page: Page;
  close(): Promise<void>;
}

/**
 * Serves `code` from 127.0.0.1 (`servePage`), launches Chromium (`launchChromium` with `options`),
 * opens the page and waits until the global `ready` exists (default timeout 60 s). On failure
 * everything started so far is closed before the error is thrown.
 */
export async function openPage(
  code: string,
  ready: string,
  options: LaunchOptions & { timeout?: number } = {},
): Promise<OpenedPage> {
  const { timeout = 60_000, ...launch } = options;
  const served = await servePage(code);
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  const close = async () => {
    try {
      await browser?.close();
    } finally {
      await served.close();
    }
  };
  try {
    browser = await launchChromium(launch);
    const page = await browser.context.newPage();
    await page.goto(`${served.origin}/`);
    await page.waitForFunction((name) => name in globalThis, ready, { timeout });
    return { page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
