import { readManifest } from '@sparseout/testkit';
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
import { version_wasm } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { FUSED_BACKENDS, useBackend } from './backends.testkit.js';
import { SparseoutLayer } from './layer.js';
import { hasFusedKernel } from './run.js';

/**
 * vitest.config.ts runs this suite twice: on tfjs 4.22.0 and, through aliases, on tfjs 4.6.0, the
 * lowest version the peer ranges admit. These tests check that each run got the tfjs it was set up
 * for, with one tfjs-core instance shared by layers and backends, and that the peer ranges admit
 * both tested versions as npm matches ranges.
 */
const packageDir = new URL('../', import.meta.url);
const manifest = readManifest(packageDir);

const TESTED = ['4.22.0', '4.6.0'];

describe('tfjs versions', () => {
  it('runs against the tfjs this project run was set up for (4.22.0 or 4.6.0), every package the same', () => {
    const want = process.env.SPARSEOUT_TFJS_VERSION;
    expect(TESTED).toContain(want);
    expect({
      core: tf.version_core,
      layers: tfl.version_layers,
      cpu: version_cpu,
      wasm: version_wasm,
    }).toEqual({
      core: want,
      layers: want,
      cpu: want,
      wasm: want,
    });
  });

  it('layers, backends and this package share one tfjs-core instance (classes and registries)', async () => {
    // tfjs-layers registers its classes in the SerializationMap of the tfjs-core it imports, this
    // package registers Sparseout in the one it imports: a second core would hold one of the two.
    const classes = tf.serialization.SerializationMap.getMap().classNameMap;
    expect(classes.Dense?.[0]).toBe(tfl.layers.dense({ units: 1 }).constructor);
    expect(classes.Sparseout?.[0]).toBe(SparseoutLayer);
    expect(tfl.layers.dense({ units: 1 })).toBeInstanceOf(tf.serialization.Serializable);
    for (const backend of FUSED_BACKENDS) {
      await useBackend(backend);
      expect(tf.findBackend(backend), backend).toBeInstanceOf(tf.KernelBackend);
      expect(hasFusedKernel(backend), backend).toBe(true);
    }
  });

  it('the peer ranges admit both tested versions as npm matches ranges, and nothing below 4.6.0 or from 5', () => {
    const tfjsPeers = Object.entries(manifest.peerDependencies).filter(([name]) =>
      name.startsWith('@tensorflow/'),
    );
    expect(tfjsPeers.map(([name]) => name).sort()).toEqual([
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-backend-wasm',
      '@tensorflow/tfjs-backend-webgl',
      '@tensorflow/tfjs-backend-webgpu',
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-layers',
    ]);
    for (const [name, range] of tfjsPeers) {
      expect(semver.validRange(range), name).not.toBeNull();
      for (const version of [...TESTED, '4.10.0', '4.21.0'])
        expect(semver.satisfies(version, range), `${name} ${version} in ${range}`).toBe(true);
      for (const version of ['4.5.0', '3.21.0', '5.0.0', '4.23.0-rc.0'])
        expect(semver.satisfies(version, range), `${name} ${version} in ${range}`).toBe(false);
      // The range's floor is a tested version: the devDependency or its 4.6.0 alias.
      expect(semver.minVersion(range)?.version, name).toBe('4.6.0');
      expect(manifest.devDependencies[name]).toBe('4.22.0');
    }
    for (const name of ['core', 'layers', 'backend-cpu', 'backend-wasm']) {
      expect(manifest.devDependencies[`@tensorflow/tfjs-${name}-4.6`]).toBe(
        `npm:@tensorflow/tfjs-${name}@4.6.0`,
      );
    }
  });
});
