import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** onnxruntime-web's dist folder, as the page's bundler resolves it. */
export const ortDist = dirname(createRequire(join(here, 'page.ts')).resolve('onnxruntime-web'));

/**
 * The README's esbuild setup: bundle the page (onnxruntime-web's default browser entry, which
 * embeds its `.mjs` glue) and copy `ort-wasm-simd-threaded.jsep.wasm` next to the bundle.
 */
export async function bundleWithEsbuild(outdir: string): Promise<void> {
  const esbuild = await import('esbuild');
  mkdirSync(outdir, { recursive: true });
  await esbuild.build({
    entryPoints: [join(here, 'page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outfile: join(outdir, 'page.js'),
    logLevel: 'silent',
  });
  copyFileSync(
    join(ortDist, 'ort-wasm-simd-threaded.jsep.wasm'),
    join(outdir, 'ort-wasm-simd-threaded.jsep.wasm'),
  );
  writeFileSync(
    join(outdir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><script type="module" src="./page.js"></script>\n',
  );
}

/** The README's vite setup: `vite build` of index.html + page.ts, nothing configured. */
export async function bundleWithVite(outdir: string): Promise<void> {
  const vite = await import('vite');
  await vite.build({
    root: here,
    configFile: false,
    logLevel: 'silent',
    build: { outDir: outdir, emptyOutDir: true },
  });
}
