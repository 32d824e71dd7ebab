/** What to bundle: an entry file, or module text resolved from a folder. */
export type BundleInput = string | { contents: string; resolveDir: string; sourcefile?: string };

/**
 * One ES module for a browser page, bundled by esbuild the way every page here is: ES2022, no
 * files written, `process.env.NODE_ENV` set to "production" (tfjs and onnxruntime-web read it).
 */
export async function bundleForBrowser(input: BundleInput): Promise<string> {
  const esbuild = await import('esbuild');
  const source =
    typeof input === 'string'
      ? { entryPoints: [input] }
      : {
          stdin: {
            contents: input.contents,
            resolveDir: input.resolveDir,
            sourcefile: input.sourcefile ?? 'entry.js',
            loader: 'js' as const,
          },
        };
  const output = await esbuild.build({
    ...source,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return output.outputFiles[0].text;
}
