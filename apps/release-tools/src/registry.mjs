// What the npm client says about the registry the @sparseout scope publishes to: its address
// (from .npmrc files and npm_config_* variables, as `npm` itself resolves it) and whether a
// version is already on it.
import { run } from './exec.mjs';

export const SCOPE = '@sparseout';

/**
 * @typedef {object} NpmContext
 * @property {string} cwd where to run npm (its project .npmrc applies)
 * @property {NodeJS.ProcessEnv} [env]
 */

/**
 * The registry `npm` uses for @sparseout packages: the scope's registry if one is configured,
 * else the default registry.
 * @param {NpmContext} context
 * @returns {Promise<string>}
 */
export async function scopeRegistry(context) {
  const options = { ...context, capture: true };
  const scoped = (await run('npm', ['config', 'get', `${SCOPE}:registry`], options)).stdout.trim();
  if (scoped && scoped !== 'undefined' && scoped !== 'null') return scoped;
  return (await run('npm', ['config', 'get', 'registry'], options)).stdout.trim();
}

/**
 * Whether `name@version` is on the registry. A 404 means no; any other failure is an error.
 * @param {string} name
 * @param {string} version
 * @param {NpmContext} context
 * @returns {Promise<boolean>}
 */
export async function isPublished(name, version, context) {
  const result = await run('npm', ['view', `${name}@${version}`, 'version', '--json'], {
    ...context,
    capture: true,
    allowFailure: true,
  });
  if (result.code !== 0) {
    if (/E404|404 Not Found|is not in this registry/.test(`${result.stdout}${result.stderr}`)) return false;
    throw new Error(`npm view ${name}@${version} failed:\n${`${result.stdout}${result.stderr}`.trim()}`);
  }
  const output = result.stdout.trim();
  if (output === '') return false;
  const versions = [JSON.parse(output)].flat();
  return versions.includes(version);
}
