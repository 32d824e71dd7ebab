// Step 1 of the release test: a real npm registry (Verdaccio) on loopback, its storage in a
// temporary folder. Verdaccio is not a workspace dependency (it is large and only this test needs
// it): it is installed once per version into a cache folder, with `node-fetch` overridden to
// 2.7.0 under `verdaccio-audit` (the registry mirror serves only `latest` dist-tags and
// verdaccio-audit asks for `node-fetch@cjs`).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { run } from './exec.mjs';

export const VERDACCIO_VERSION = '6.10.4';
const OVERRIDES = { 'verdaccio-audit': { 'node-fetch': '2.7.0' } };
const SERVER_SCRIPT = fileURLToPath(new URL('./verdaccio-server.mjs', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
/** A group no one belongs to: `publish` set to it makes the registry refuse that package. */
const NOBODY = 'release-test-nobody';

/** The cache folder for this Verdaccio version ($SPARSEOUT_VERDACCIO_CACHE overrides the base). */
export function verdaccioCacheDir() {
  const base = process.env.SPARSEOUT_VERDACCIO_CACHE ?? join(homedir(), '.cache', 'sparseout-verdaccio');
  return join(base, `${VERDACCIO_VERSION}-node-fetch-2.7.0`);
}

/**
 * Installs Verdaccio into its cache folder unless it is there already; returns the folder. The
 * install goes to a sibling folder first and is renamed into place, so an interrupted install
 * never leaves a half-filled cache.
 * @returns {Promise<string>}
 */
export async function ensureVerdaccio() {
  const dir = verdaccioCacheDir();
  if (existsSync(join(dir, 'node_modules', 'verdaccio', 'package.json'))) return dir;
  const staging = `${dir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const manifest = {
    name: 'sparseout-verdaccio-cache',
    private: true,
    dependencies: { verdaccio: VERDACCIO_VERSION },
    overrides: OVERRIDES,
  };
  writeFileSync(join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`Installing verdaccio@${VERDACCIO_VERSION} into ${dir} (once per version)`);
  try {
    await run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
      cwd: staging,
      capture: true,
    });
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dirname(dir), { recursive: true });
    renameSync(staging, dir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}

/**
 * Verdaccio's configuration: storage in `dir`, no uplinks (it serves only what the test
 * publishes), anyone may read and publish @sparseout packages except those in `refusePublish`.
 * @param {string} dir
 * @param {string[]} refusePublish package names whose publish the registry refuses
 * @returns {string} YAML
 */
export function registryConfig(dir, refusePublish = []) {
  const refused = refusePublish
    .map((name) => `  '${name}':\n    access: $all\n    publish: ${NOBODY}\n`)
    .join('');
  return [
    `storage: ${join(dir, 'storage')}`,
    'auth:',
    '  htpasswd:',
    `    file: ${join(dir, 'htpasswd')}`,
    '    max_users: -1',
    'uplinks: {}',
    'web:',
    '  enable: false',
    'packages:',
    `${refused}  '@sparseout/*':`,
    '    access: $all',
    '    publish: $all',
    "  '**':",
    '    access: $all',
    `    publish: ${NOBODY}`,
    'log: { type: stdout, format: pretty, level: warn }',
    '',
  ].join('\n');
}

/**
 * @typedef {object} Registry
 * @property {string} url e.g. http://127.0.0.1:40123/
 * @property {number} port
 * @property {number} pid the server process
 * @property {() => Promise<void>} stop stops the server (SIGTERM, then SIGKILL after 10 s)
 */

/**
 * Starts Verdaccio from `installDir` with its storage and config under `dir`.
 * @param {{ installDir: string, dir: string, refusePublish?: string[] }} options
 * @returns {Promise<Registry>}
 */
export async function startRegistry({ installDir, dir, refusePublish = [] }) {
  const configPath = join(dir, 'config.yaml');
  writeFileSync(configPath, registryConfig(dir, refusePublish));
  const child = spawn(process.execPath, [SERVER_SCRIPT, installDir, configPath], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  try {
    const port = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('Verdaccio did not start within 60 s')),
        START_TIMEOUT_MS,
      );
      exited.then((code) => reject(new Error(`Verdaccio exited with code ${code} before listening`)));
      const lines = createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stdout) });
      lines.on('line', (line) => {
        if (line.startsWith('{"port":')) {
          clearTimeout(timer);
          resolve(JSON.parse(line).port);
        } else {
          console.log(`[verdaccio] ${line}`);
        }
      });
    });
    return { url: `http://127.0.0.1:${port}/`, port, pid: /** @type {number} */ (child.pid), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
