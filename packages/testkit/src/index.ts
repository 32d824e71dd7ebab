/**
 * @sparseout/testkit: test tooling the workspace shares, never published. Headless Chromium
 * launched as this machine and CI need it, a page bundle, a one-page server on 127.0.0.1.
 */

/** Playwright's page and context types, so callers need no playwright-core import of their own. */
export type { BrowserContext, Page } from 'playwright-core';
export { type BundleInput, bundleForBrowser } from './bundle.js';
export {
  chromiumArgs,
  chromiumPath,
  type LaunchedChromium,
  type LaunchOptions,
  launchChromium,
} from './chromium.js';
export { type ServedPage, serveFolder, servePage } from './serve.js';
