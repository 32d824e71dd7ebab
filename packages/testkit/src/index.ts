/**
 * @sparseout/testkit: test tooling the workspace shares, never published. Seeded test inputs,
 * closeness of results (S2.8's tolerance; the Vitest matcher `toAgree` is in
 * '@sparseout/testkit/matchers'), headless Chromium launched as this machine and CI need it, a page bundle,
 * servers on 127.0.0.1, and the package manifests the version tests read.
 */

/** Playwright's page and context types, so callers need no playwright-core import of their own. */
export type { BrowserContext, Page } from 'playwright-core';
export { FLOAT32_AGREEMENT, type Tolerance } from './agree.js';
export { type BundleInput, bundleForBrowser } from './bundle.js';
export {
  chromiumArgs,
  chromiumMissing,
  chromiumPath,
  type LaunchedChromium,
  type LaunchOptions,
  launchChromium,
} from './chromium.js';
export { installedVersion, type PackageManifest, readManifest } from './manifests.js';
export { mistakenOptions, mistakenValue, throwsOnly } from './mistaken.js';
export { type OpenedPage, openPage } from './page.js';
export { mulberry32, withSeededMathRandom } from './random.js';
export { type ServedPage, serveFolder, servePage } from './serve.js';
