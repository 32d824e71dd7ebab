import { installedVersion, readManifest } from '@sparseout/testkit';
import * as ort from 'onnxruntime-web';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { encodeModel } from './codec.js';
import {
  MAX_MODEL_OPSET,
  MIN_SPARSEOUT_GRAD_OPSET,
  SPARSEOUT_DOMAIN,
  SPARSEOUT_OPSET_VERSION,
  sparseoutFunction,
  sparseoutMaskedFunction,
} from './functions.js';
import { makeNode, tensorInfo } from './onnx-builders.js';
import { DataType, type OnnxModel } from './onnx-types.js';
import { createSparseoutSession } from './session.js';

/**
 * The suite runs twice (vitest.config.ts): on onnxruntime-web 1.30.0 and on 1.18.0, the lowest
 * version of the peer range. These tests hold the range to the two runs, and pin what differs
 * between the runtimes where the package depends on it.
 */
const packageDir = new URL('../', import.meta.url);
const manifest = readManifest(packageDir);
const installed = (name: string) => installedVersion(packageDir, name);

const runtime = ort.env.versions.web ?? '';

async function loads(model: OnnxModel, feeds: Record<string, ort.Tensor>) {
  const session = await createSparseoutSession(encodeModel(model));
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

describe('onnxruntime-web versions', () => {
  it('runs against the onnxruntime-web this project run was set up for (1.30.0 or 1.18.0)', () => {
    expect(runtime).toBe(process.env.SPARSEOUT_ORT_VERSION);
    expect([installed('onnxruntime-web'), installed('onnxruntime-web-1.18')]).toEqual(['1.30.0', '1.18.0']);
  });

  it('the peer range starts at the lowest tested version and holds both, as npm matches ranges', () => {
    const range = manifest.peerDependencies['onnxruntime-web'];
    expect(semver.validRange(range)).not.toBeNull();
    expect(semver.minVersion(range)?.version).toBe(installed('onnxruntime-web-1.18'));
    for (const version of [installed('onnxruntime-web'), installed('onnxruntime-web-1.18')]) {
      expect(semver.satisfies(version, range), `${version} in ${range}`).toBe(true);
    }
    // Every release between them passed the whole suite once (README, "Supported versions").
    for (const version of ['1.19.2', '1.20.1', '1.21.1', '1.22.0', '1.23.2', '1.24.3', '1.26.0', '1.29.0']) {
      expect(semver.satisfies(version, range), version).toBe(true);
    }
    // 1.17.3 cannot load IR 10 (the single-op models) nor opset 21; dev builds match only if named.
    for (const version of ['1.17.3', '1.16.3', '2.0.0', '1.31.0-dev.20260914-8d85527a0']) {
      expect(semver.satisfies(version, range), version).toBe(false);
    }
    expect(manifest.devDependencies['onnxruntime-web-1.18']).toBe('npm:onnxruntime-web@1.18.0');
  });

  it(`S1.4 the opset limit (${MAX_MODEL_OPSET}) holds on this runtime: RandomUniformLike loads at 21, not at 22`, async () => {
    const sampler = (opset: number): OnnxModel => ({
      irVersion: 10,
      opsetImport: [{ domain: '', version: opset }],
      graph: {
        name: 'sampler',
        node: [makeNode('RandomUniformLike', ['x'], ['u'])],
        input: [tensorInfo('x', DataType.FLOAT, [4])],
        output: [tensorInfo('u', DataType.FLOAT, [4])],
      },
    });
    const feeds = { x: new ort.Tensor('float32', new Float32Array(4), [4]) };
    expect(MAX_MODEL_OPSET).toBe(21);
    expect((await loads(sampler(21), feeds)).u.dims).toEqual([4]);
    // 1.30 names the missing kernel, 1.18 rejects with a bare number (opsets.test.ts pins both).
    await expect(loads(sampler(22), feeds)).rejects.toThrow();
  });

  it('a model carrying both overloads of Sparseout loads only where ORT-web honours `overload` (1.27 and later)', async () => {
    // Why each single-op model carries only the function its node calls (op-models.ts): 1.19 to
    // 1.26 take the function listed last under a domain and name, here the 4-input masked body.
    const model: OnnxModel = {
      irVersion: 10,
      opsetImport: [
        { domain: '', version: MIN_SPARSEOUT_GRAD_OPSET },
        { domain: SPARSEOUT_DOMAIN, version: SPARSEOUT_OPSET_VERSION },
      ],
      graph: {
        name: 'both',
        node: [
          makeNode('Sparseout', ['data', 'ratio', 'training_mode'], ['output', 'mask_out'], [], {
            domain: SPARSEOUT_DOMAIN,
          }),
        ],
        input: [
          tensorInfo('data', DataType.FLOAT, [3]),
          tensorInfo('ratio', DataType.FLOAT, []),
          tensorInfo('training_mode', DataType.BOOL, []),
        ],
        output: [tensorInfo('output', DataType.FLOAT, [3]), tensorInfo('mask_out', DataType.BOOL, [3])],
      },
      functions: [sparseoutFunction(), sparseoutMaskedFunction()],
    };
    const feeds = {
      data: new ort.Tensor('float32', Float32Array.of(1, -2, 3), [3]),
      ratio: new ort.Tensor('float32', Float32Array.of(0), []),
      training_mode: new ort.Tensor('bool', [false], []),
    };
    const run = loads(model, feeds);
    if (semver.gte(runtime, '1.27.0')) {
      expect(Array.from((await run).output.data as Float32Array)).toEqual([1, -2, 3]);
    } else {
      await expect(run).rejects.toThrow();
    }
  });
});
