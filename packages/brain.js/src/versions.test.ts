import { installedVersion, readManifest } from '@sparseout/testkit';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { brain, brainMajor } from './brain.js';
import { brainjsAdapter } from './conformance.js';
import { SparseoutFeedForward } from './sparseout-feed-forward.js';
import { Sparseout, sparseout } from './sparseout-layer.js';
import { SparseoutNeuralNetwork } from './sparseout-neural-network.js';

const packageDir = new URL('../', import.meta.url);
const manifest = readManifest(packageDir);
const installed = (name: string) => installedVersion(packageDir, name);

const LAYER = { probability: 0.2, q: 1, seed: 1 };

describe('brain.js versions', () => {
  it('runs against the brain.js this project run was set up for (2.0.0-beta.24 or 1.6.1)', () => {
    expect(String(brainMajor)).toBe(process.env.SPARSEOUT_BRAIN_MAJOR);
    expect(typeof brain.recurrent.LSTM).toBe('function');
  });

  it('the peer range matches both tested versions as npm matches ranges (prereleases only where named)', () => {
    const range = manifest.peerDependencies['brain.js'];
    expect(semver.validRange(range)).not.toBeNull();
    // npm's default: no includePrerelease, so 2.0.0-beta.24 matches only because the range names it.
    for (const version of [installed('brain.js'), installed('brain.js-1.6')]) {
      expect(semver.satisfies(version, range), `${version} in ${range}`).toBe(true);
    }
    expect([installed('brain.js'), installed('brain.js-1.6')]).toEqual(['2.0.0-beta.24', '1.6.1']);
    for (const version of ['1.6.2', '1.7.0', '2.0.0', '2.1.0'])
      expect(semver.satisfies(version, range)).toBe(true);
    for (const version of ['1.6.0', '1.5.0', '2.0.0-beta.23', '3.0.0', '3.0.0-alpha.1']) {
      expect(semver.satisfies(version, range), version).toBe(false);
    }
    // npm's `latest` of brain.js (what `npm install brain.js` installs) is 1.6.1: it must match.
    expect(semver.satisfies('1.6.1', range)).toBe(true);
    // gpu.js is brain.js 2.0.0-beta's own peer and 1.6.x's own dependency (1.x); this package never
    // imports it, so it is no peer of ours (npm would otherwise install gpu.js 2 beside brain.js 1.6).
    expect(Object.keys(manifest.peerDependencies)).toEqual(['brain.js']);
  });

  it('S1.4 sparseout(null, settings) throws SPARSEOUT_INVALID_INPUT, not a TypeError', () => {
    expect(() => sparseout(null as never, LAYER)).toThrow(
      expect.objectContaining({
        code: 'SPARSEOUT_INVALID_INPUT',
        message: 'inputLayer must be a brain.js layer, got null',
      }),
    );
    expect(() => sparseout(undefined as never, LAYER)).toThrow(
      expect.objectContaining({ code: 'SPARSEOUT_INVALID_INPUT' }),
    );
  });

  it('S1.4 SparseoutNeuralNetwork.fromJSON with sparseout: null throws SPARSEOUT_INVALID_INPUT, not a TypeError', () => {
    const net = new SparseoutNeuralNetwork({
      hiddenLayers: [2],
      sparseout: { probability: 0.2, q: 1, seed: 1 },
    });
    net.train([{ input: [0, 1], output: [1] }], { iterations: 1 });
    const json = net.toJSON();
    const bad = { ...json, options: { ...json.options, sparseout: null } } as unknown as typeof json;
    expect(() => new SparseoutNeuralNetwork().fromJSON(bad)).toThrow(
      expect.objectContaining({
        code: 'SPARSEOUT_INVALID_INPUT',
        message: 'options.sparseout must be an object of Sparseout settings, got null',
      }),
    );
  });

  it.runIf(brainMajor === 1)(
    'S1.4 on brain.js 1.x the layered API throws SparseoutError naming the version; the rest works',
    async () => {
      const error = expect.objectContaining({
        code: 'SPARSEOUT_INVALID_INPUT',
        message: expect.stringMatching(/needs brain\.js 2\.0\.0-beta .*the installed brain\.js is 1\.x/),
      });
      expect(() => sparseout({} as never, LAYER)).toThrow(error);
      expect(() => new Sparseout({} as never, LAYER)).toThrow(error);
      expect(() => new SparseoutFeedForward({})).toThrow(error);
      expect(() => SparseoutFeedForward.fromJSON({} as never)).toThrow(error);
      // Settings are still checked first (S1.4 before anything else).
      expect(() => sparseout({} as never, { probability: 2, q: 1 })).toThrow(
        expect.objectContaining({ code: 'SPARSEOUT_INVALID_RATE' }),
      );
      // The conformance adapter runs on 1.x through a recurrent Equation.
      const { y } = await brainjsAdapter.forward({
        x: { data: Float32Array.of(1, -2, 3, 0), shape: [4] },
        rate: 0.5,
        q: 2,
        mask: Uint8Array.of(1, 0, 1, 1),
      });
      expect(Array.from(y.data)).toEqual([2, -0, 6, 0]);
    },
  );
});
