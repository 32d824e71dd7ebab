import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('the webgl and webgpu kernels are optional', () => {
  it('a bundle of the package loads nothing of tfjs-backend-webgl or -webgpu (types only)', async () => {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [fileURLToPath(new URL('../index.ts', import.meta.url))],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      logLevel: 'silent',
      // tfjs itself stays out, as in an app that installed tfjs-core, -layers and -backend-cpu.
      external: ['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers', '@tensorflow/tfjs-backend-cpu'],
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((file) => file.includes('kernels/webgl/Sparseout.ts'))).toBe(true);
    expect(inputs.some((file) => file.includes('kernels/webgpu/Sparseout.ts'))).toBe(true);
    expect(inputs.filter((file) => /tfjs-backend-(webgl|webgpu|wasm)/.test(file))).toEqual([]);
    expect(result.outputFiles[0].text).not.toMatch(/@tensorflow\/tfjs-backend-(webgl|webgpu|wasm)/);
  });
});
