// The release test's npm registry: Verdaccio (a devDependency of this app) started in this process
// on 127.0.0.1 and a port the OS picks, its storage in a temporary folder. No uplinks: it serves
// only what the test publishes, so an @sparseout package can never come from the real registry.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runServer } from 'verdaccio';

/** A group no one belongs to: `publish` set to it makes the registry refuse that package. */
const NOBODY = 'release-test-nobody';

/**
 * Verdaccio's configuration: storage in `dir`, no uplinks, anyone may read and publish
 * @sparseout packages except those in `refusePublish`, and nothing else may be published.
 * @param {string} dir
 * @param {string[]} refusePublish package names whose publish the registry refuses
 */
export function registryConfig(dir, refusePublish = []) {
  const refused = Object.fromEntries(
    refusePublish.map((name) => [name, { access: '$all', publish: NOBODY }]),
  );
  return {
    configPath: join(dir, 'config.yaml'),
    storage: join(dir, 'storage'),
    auth: { htpasswd: { file: join(dir, 'htpasswd'), max_users: -1 } },
    uplinks: {},
    web: { enable: false },
    // Verdaccio takes the first rule that matches: the refusals come before the scope's rule.
    packages: /** @type {Record<string, { access: string, publish: string }>} */ ({
      ...refused,
      '@sparseout/*': { access: '$all', publish: '$all' },
      '**': { access: '$all', publish: NOBODY },
    }),
    log: { type: 'stdout', format: 'pretty', level: 'warn' },
  };
}

/**
 * @typedef {object} Registry
 * @property {string} url e.g. http://127.0.0.1:40123/
 * @property {number} port
 * @property {string} dir its storage and configuration, removed when `withRegistry` returns
 */

/**
 * Runs `body` with a registry listening; closes it and removes its folder whatever happens.
 * @template T
 * @param {{ refusePublish?: string[] }} options
 * @param {(registry: Registry) => Promise<T>} body
 * @returns {Promise<T>}
 */
export async function withRegistry({ refusePublish = [] }, body) {
  const dir = mkdtempSync(join(tmpdir(), 'sparseout-registry-'));
  /** @type {import('node:http').Server | undefined} */
  let server;
  try {
    server = /** @type {import('node:http').Server} */ (await runServer(registryConfig(dir, refusePublish)));
    const listening = server;
    await new Promise((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(0, '127.0.0.1', () => resolve(undefined));
    });
    const { port } = /** @type {import('node:net').AddressInfo} */ (listening.address());
    return await body({ url: `http://127.0.0.1:${port}/`, port, dir });
  } finally {
    if (server?.listening) {
      const closing = server;
      closing.closeAllConnections();
      await new Promise((resolve) => closing.close(() => resolve(undefined)));
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Whether a registry `withRegistry` ran is gone: its port refuses connections, its folder is removed.
 * @param {Registry} registry
 * @returns {Promise<boolean>}
 */
export async function registryGone({ port, dir }) {
  const answers = await new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
  return !answers && !existsSync(dir);
}
