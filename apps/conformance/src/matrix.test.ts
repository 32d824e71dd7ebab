import { fileURLToPath } from 'node:url';
import { allChecks } from '@sparseout/conformance';
import { describe, expect, it } from 'vitest';
import { runInBrowser } from './browser-run.js';
import { discoverAdapters } from './discover.js';
import { formatMatrix, matrixOk, matrixRows } from './matrix.js';
import { runInNode } from './node-run.js';
import { appDirectory } from './paths.js';
import { formatHtmlReport } from './report-html.js';
import type { ProgressSink } from './types.js';

const quiet: ProgressSink = { start() {}, update() {}, stop() {} };

describe('conformance app', () => {
  it('discovers the core adapter and every packages/* adapter exporting ./conformance', () => {
    const modules = discoverAdapters();
    expect(modules[0].specifier).toBe('@sparseout/conformance/core-adapter');
    for (const m of modules.slice(1)) expect(m.specifier).toMatch(/^@sparseout\/[^/]+\/conformance$/);
  });

  it('runs the full suite on the core adapter in Node: a matrix row with every applicable check passed', async () => {
    const core = discoverAdapters()[0];
    const run = await runInNode(core, quiet);
    const rows = matrixRows([run]);
    expect(rows.map((r) => r.backend)).toEqual(run.result!.backends.map((b) => b.backend));
    expect(rows[0].backend).toBe('js');
    for (const row of rows) {
      expect(row).toMatchObject({ adapter: core.specifier, environment: 'node', failed: 0, status: 'ok' });
      expect(row.passed).toBeGreaterThan(30);
    }
    expect(matrixOk([run])).toBe(true);
    expect(formatMatrix(rows)).toMatch(
      /@sparseout\/conformance\/core-adapter\s+js\s+node\s+\d+\s+0\s+\d+\s+ok/,
    );
    const html = formatHtmlReport([run], { node: process.version });
    expect(html).toContain('<td>S2.6</td>');
    expect(html).not.toMatch(/<script|<link/);
  });

  it('runs the suite on the core adapter in headless Chromium and brings the structured result back', async () => {
    const core = discoverAdapters()[0];
    const only = ['S2.6', 'S4.2', 'S5.3'];
    const { runs, browserVersion } = await runInBrowser([core], quiet, only);
    expect(runs[0].notRun).toBeUndefined();
    expect(browserVersion).toMatch(/^\d+\./);
    const rows = matrixRows(runs);
    expect(rows[0]).toMatchObject({
      environment: 'chromium',
      backend: 'js',
      // Every check of those clauses applies to the core adapter.
      passed: allChecks.filter((c) => only.some((prefix) => c.id.startsWith(prefix))).length,
      failed: 0,
      status: 'ok',
    });
  });

  it('reports the browser column as not run, with the reason, when Chromium is absent', async () => {
    const core = discoverAdapters()[0];
    const { runs } = await runInBrowser([core], quiet, undefined, '/nonexistent/chromium');
    expect(runs[0].notRun).toContain('Chromium not found at /nonexistent/chromium');
    expect(runs[0].broken).toBeUndefined();
    expect(matrixOk(runs)).toBe(true);
    expect(matrixRows(runs)[0].status).toMatch(/^not run: Chromium not found/);
  });

  it('reports a module that is not built as an error that fails the matrix', async () => {
    const run = await runInNode(
      {
        packageName: 'x',
        specifier: 'x/conformance',
        file: '/nonexistent/conformance.js',
        packageDirectory: '/nonexistent',
      },
      quiet,
    );
    expect(run.broken).toBe(true);
    expect(matrixOk([run])).toBe(false);
    expect(matrixRows([run])[0].status).toMatch(/^ERROR: .*does not exist/);
  });
});

describe('backends that need WebGPU', () => {
  it('are rows skipped with the reason, never passed, when the page has no WebGPU adapter', async () => {
    // The core adapter under a second backend name, 'webgpu'; Chromium launched without the
    // WebGPU flags has no adapter, so the app must skip that backend and say why.
    const module = {
      packageName: 'webgpu-probe',
      specifier: 'webgpu-probe/conformance',
      file: fileURLToPath(new URL('./webgpu-probe.testkit.ts', import.meta.url)),
      packageDirectory: appDirectory,
    };
    const { runs } = await runInBrowser([module], quiet, ['S2.6'], undefined, { webgpu: false });
    expect(runs[0].skipped).toEqual([{ backend: 'webgpu', reason: expect.stringMatching(/^no WebGPU/) }]);
    const rows = matrixRows(runs);
    expect(rows.map((r) => [r.backend, r.status.split(':')[0]])).toEqual([
      ['js', 'ok'],
      ['webgpu', 'skipped'],
    ]);
    expect(rows[1]).toMatchObject({ passed: 0, failed: 0 });
    expect(matrixOk(runs)).toBe(true);
  });
});
