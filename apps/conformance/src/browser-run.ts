import { existsSync } from 'node:fs';
import type { ConformanceResult, ProgressEvent } from '@sparseout/conformance';
import {
  type BrowserContext,
  bundleForBrowser,
  chromiumMissing,
  chromiumPath,
  launchChromium,
} from '@sparseout/testkit';
import type { AdapterModule } from './discover.js';
import { appDirectory } from './paths.js';
import { type PageSource, startServer } from './serve.js';
import type { AdapterRun, ProgressSink } from './types.js';

/** Backends that need a WebGPU adapter in the page: without one they are skipped, with the reason. */
const WEBGPU_BACKENDS = new Set(['webgpu']);

/** A run may take this long in the page before it counts as hung. */
const RUN_TIMEOUT_MS = 15 * 60_000;

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>Sparseout conformance</title>
<script type="module">
  import('./bundle.js').then(
    () => { globalThis.__sparseoutReady = true; },
    (error) => { globalThis.__sparseoutLoadError = String((error && error.stack) || error); },
  );
</script>`;

/** Bundles the adapter and the suite into one browser module. */
function bundle(module: AdapterModule): Promise<string> {
  const entry = [
    `import adapter from ${JSON.stringify(module.file)};`,
    `import { runConformance } from '@sparseout/conformance';`,
    'globalThis.__sparseoutConformance = { adapter, runConformance };',
  ].join('\n');
  return bundleForBrowser({ contents: entry, resolveDir: appDirectory, sourcefile: 'conformance-entry.js' });
}

/** One result from the per-backend runs of an adapter (backends in order, counts summed). */
export function mergeResults(results: readonly ConformanceResult[]): ConformanceResult {
  const backends = results.flatMap((r) => r.backends);
  const summary = { passed: 0, failed: 0, notApplicable: 0 };
  for (const r of results) {
    summary.passed += r.summary.passed;
    summary.failed += r.summary.failed;
    summary.notApplicable += r.summary.notApplicable;
  }
  return {
    ...results[0],
    backends,
    summary,
    ok: results.every((r) => r.ok),
    durationMs: results.reduce((t, r) => t + r.durationMs, 0),
  };
}

function notRun(modules: AdapterModule[], reason: string): AdapterRun[] {
  return modules.map((m) => ({ specifier: m.specifier, environment: 'chromium', notRun: reason }));
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').slice(0, 3).join(' ').slice(0, 400);
}

/**
 * Runs the suite in real headless Chromium for every adapter that can be bundled for a browser:
 * one page per adapter (the adapter and the suite bundled by esbuild), served from 127.0.0.1,
 * driven by playwright-core. The result comes back as the same structured ConformanceResult, with
 * environment 'chromium'. Without Chromium every adapter is reported as not run, with the reason.
 */
export async function runInBrowser(
  modules: AdapterModule[],
  progress: ProgressSink,
  only?: readonly string[],
  executablePath: string = chromiumPath,
  options: { webgpu?: boolean } = {},
): Promise<{ runs: AdapterRun[]; browserVersion?: string }> {
  const missing = chromiumMissing(executablePath);
  if (missing) return { runs: notRun(modules, missing) };
  const source: PageSource = { files: new Map() };
  const { server, origin } = await startServer(source);
  const runs: AdapterRun[] = [];
  let browserVersion: string | undefined;
  try {
    const browser = await launchChromium({ executablePath, webgpu: options.webgpu !== false });
    const { context } = browser;
    try {
      let total = 0;
      let label = '';
      await context.exposeBinding('__sparseoutProgress', (_source, event: ProgressEvent) => {
        if (event.status === undefined && event.index === 0) {
          total = event.total;
          progress.start(`${label} [${event.backend}, chromium]`, total);
        }
        if (event.status !== undefined) progress.update(event.index + 1, `${event.id} ${event.status}`);
        if (event.status !== undefined && event.index + 1 === total) progress.stop();
      });
      for (const module of modules) {
        label = module.specifier;
        runs.push(await runOne(module, context, source, origin, only));
        if (browserVersion === undefined) browserVersion = context.browser()?.version();
      }
    } finally {
      await browser.close();
    }
  } catch (error) {
    const done = new Set(runs.map((r) => r.specifier));
    runs.push(
      ...notRun(
        modules.filter((m) => !done.has(m.specifier)),
        `Chromium failed: ${firstLine(error)}`,
      ),
    );
  } finally {
    server.close();
  }
  return { runs, browserVersion };
}

async function runOne(
  module: AdapterModule,
  context: BrowserContext,
  source: PageSource,
  origin: string,
  only?: readonly string[],
): Promise<AdapterRun> {
  const base = { specifier: module.specifier, environment: 'chromium' };
  if (!existsSync(module.file))
    return { ...base, notRun: `${module.file} does not exist: build it first`, broken: true };
  let code: string;
  try {
    code = await bundle(module);
  } catch (error) {
    return { ...base, notRun: `cannot be bundled for a browser: ${firstLine(error)}` };
  }
  source.files.clear();
  source.files.set('/index.html', { body: PAGE, type: 'text/html; charset=utf-8' });
  source.files.set('/bundle.js', { body: code, type: 'text/javascript; charset=utf-8' });
  source.packageDirectory = module.packageDirectory;
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(firstLine(error)));
  try {
    await page.goto(`${origin}/`);
    await page.waitForFunction(
      () => {
        const g = globalThis as { __sparseoutReady?: boolean; __sparseoutLoadError?: string };
        return g.__sparseoutReady === true || g.__sparseoutLoadError !== undefined;
      },
      undefined,
      { timeout: 120_000 },
    );
    const loadError = await page.evaluate(
      () => (globalThis as { __sparseoutLoadError?: string }).__sparseoutLoadError,
    );
    if (loadError) return { ...base, notRun: `does not load in Chromium: ${firstLine(loadError)}` };
    const evaluation = page.evaluate(
      async ({ assetBase, only, webgpuBackends }) => {
        const g = globalThis as unknown as {
          __sparseoutConformance: {
            adapter: { backends: string[] };
            runConformance: (a: unknown, o: unknown) => Promise<unknown>;
          };
          __sparseoutProgress: (event: unknown) => void;
          navigator: { gpu?: { requestAdapter(): Promise<unknown> } };
        };
        const { adapter, runConformance } = g.__sparseoutConformance;
        const skipped: { backend: string; reason: string }[] = [];
        const results: unknown[] = [];
        for (const backend of adapter.backends) {
          if (webgpuBackends.includes(backend)) {
            const gpu = g.navigator.gpu;
            const gpuAdapter = gpu ? await gpu.requestAdapter().catch(() => null) : null;
            if (!gpuAdapter) {
              const reason = gpu
                ? 'no WebGPU adapter (navigator.gpu.requestAdapter() gave null)'
                : 'no WebGPU in this browser (navigator.gpu is undefined)';
              skipped.push({ backend, reason });
              continue;
            }
          }
          results.push(
            await runConformance(adapter, {
              backend,
              environment: { name: 'chromium', assetBase },
              only: only ?? undefined,
              onProgress: (event: unknown) => {
                g.__sparseoutProgress(event);
              },
            }),
          );
        }
        return { results, skipped };
      },
      {
        assetBase: `${origin}/modules/`,
        only: only ? [...only] : null,
        webgpuBackends: [...WEBGPU_BACKENDS],
      },
    );
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`no result after ${RUN_TIMEOUT_MS / 60_000} min`)),
        RUN_TIMEOUT_MS,
      ).unref(),
    );
    const { results, skipped } = (await Promise.race([evaluation, timeout])) as {
      results: ConformanceResult[];
      skipped: { backend: string; reason: string }[];
    };
    if (results.length === 0)
      return { ...base, notRun: skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ') };
    return { ...base, result: mergeResults(results), ...(skipped.length > 0 ? { skipped } : {}) };
  } catch (error) {
    const detail = pageErrors.length > 0 ? ` (page errors: ${pageErrors.join('; ')})` : '';
    return { ...base, notRun: `the run in Chromium failed: ${firstLine(error)}${detail}`, broken: true };
  } finally {
    await page.close();
  }
}
