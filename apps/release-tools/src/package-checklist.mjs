// The package-quality checklist for one public package, as pure functions over its
// package.json, its folder and the list of files `npm pack` would publish. publint and attw check
// the module format and the types; this checks what they do not: the files a user reads (README,
// LICENSE, CHANGELOG), the metadata a registry shows, and the dependency policy of CONTRIBUTING.md.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @typedef {import('./workspace.mjs').WorkspacePackage} WorkspacePackage */

const SCOPE = '@sparseout/';
const REPOSITORY_URL = 'git+https://github.com/sparseout/sparseout-js.git';

/**
 * @param {string} text
 * @returns {string}
 */
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The README gives an install command and a usage example that imports the package.
 * @param {string} name
 * @param {string} readme
 * @returns {string[]}
 */
export function readmeFindings(name, readme) {
  const findings = [];
  const quotedName = escapeRegExp(name);
  if (!new RegExp(`(npm install|npm i|pnpm add|yarn add)[^\\n]*\\s${quotedName}(\\s|$|@)`).test(readme)) {
    findings.push(`README.md has no install command for ${name} (e.g. \`npm install ${name}\`)`);
  }
  const usage = new RegExp(
    `\`\`\`[\\s\\S]*?(from\\s+['"]${quotedName}[/'"]|require\\(['"]${quotedName}[/'"])`,
  );
  if (!usage.test(readme)) {
    findings.push(`README.md has no usage example (a code block that imports ${name})`);
  }
  return findings;
}

/**
 * Walks an `exports` map and reports every JavaScript target that no `types` condition covers.
 * @param {unknown} entry
 * @param {string} path
 * @param {boolean} typed whether an enclosing condition object already has `types`
 * @returns {string[]}
 */
function untypedTargets(entry, path, typed) {
  if (typeof entry === 'string') {
    return /\.[cm]?js$/.test(entry) && !typed ? [`exports${path} -> ${entry} has no "types" condition`] : [];
  }
  if (entry === null || typeof entry !== 'object') return [];
  const conditions = /** @type {Record<string, unknown>} */ (entry);
  const typedHere = typed || 'types' in conditions;
  return Object.entries(conditions)
    .filter(([key]) => key !== 'types')
    .flatMap(([key, value]) => untypedTargets(value, `${path}[${JSON.stringify(key)}]`, typedHere));
}

/**
 * `exports` exists and gives types for every import and require target it offers.
 * @param {Record<string, any>} manifest
 * @returns {string[]}
 */
export function exportsFindings(manifest) {
  const { exports } = manifest;
  if (exports === undefined) return ['package.json has no "exports" map'];
  if (typeof exports === 'string') return untypedTargets(exports, '', false);
  const findings = [];
  for (const [subpath, target] of Object.entries(exports)) {
    if (subpath === './package.json') continue;
    findings.push(...untypedTargets(target, `[${JSON.stringify(subpath)}]`, false));
  }
  return findings;
}

/**
 * Whether an `exports` map offers a `require` condition anywhere (a dual ESM + CJS package).
 * @param {unknown} entry
 * @returns {boolean}
 */
export function offersRequire(entry) {
  if (entry === null || typeof entry !== 'object') return false;
  return Object.entries(entry).some(([key, value]) => key === 'require' || offersRequire(value));
}

/**
 * The attw profile that fits the package: `strict` (every resolution mode, node10 included) for a
 * dual ESM + CJS package or a CommonJS one, `esm-only` for a package that offers no `require`.
 * @param {Record<string, any>} manifest
 * @returns {'strict' | 'esm-only'}
 */
export function attwProfile(manifest) {
  if (manifest.type !== 'module') return 'strict';
  return offersRequire(manifest.exports) || typeof manifest.main === 'string' ? 'strict' : 'esm-only';
}

/**
 * Metadata a registry shows and an installer needs.
 * @param {WorkspacePackage} pkg
 * @returns {string[]}
 */
export function metadataFindings(pkg) {
  const { manifest, relativeDir } = pkg;
  const findings = [];
  if (!manifest.description) findings.push('package.json has no "description"');
  if (!manifest.license) findings.push('package.json has no "license"');
  const repository = manifest.repository;
  if (typeof repository !== 'object' || repository === null) {
    findings.push(`package.json "repository" must be { type: "git", url: "${REPOSITORY_URL}", directory }`);
  } else {
    if (repository.url !== REPOSITORY_URL) findings.push(`"repository.url" must be ${REPOSITORY_URL}`);
    if (repository.directory !== relativeDir)
      findings.push(`"repository.directory" must be "${relativeDir}"`);
  }
  if (!Array.isArray(manifest.keywords) || manifest.keywords.length === 0) {
    findings.push('package.json has no "keywords"');
  }
  if (!manifest.engines?.node) findings.push('package.json has no "engines.node"');
  if (manifest.publishConfig?.access !== 'public') findings.push('"publishConfig.access" must be "public"');
  if (manifest.sideEffects === undefined) findings.push('package.json does not declare "sideEffects"');
  if (!Array.isArray(manifest.files) || manifest.files.length === 0) {
    findings.push('package.json has no "files" whitelist');
  }
  return findings;
}

/**
 * Framework peers carry a real range and are also dev dependencies (so the tests run against
 * them); internal (@sparseout) dependencies and peers use `workspace:^`, which `pnpm publish`
 * turns into a caret range.
 * @param {Record<string, any>} manifest
 * @returns {string[]}
 */
export function dependencyFindings(manifest) {
  const findings = [];
  const devs = manifest.devDependencies ?? {};
  for (const [name, range] of Object.entries(manifest.peerDependencies ?? {})) {
    if (name.startsWith(SCOPE)) continue;
    const text = String(range).trim();
    if (text === '' || text === '*' || text.startsWith('workspace:')) {
      findings.push(`peer dependency ${name} needs a published semver range, not "${range}"`);
    }
    if (!(name in devs)) findings.push(`peer dependency ${name} is not also a dev dependency`);
  }
  for (const field of ['dependencies', 'peerDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (name.startsWith(SCOPE) && range !== 'workspace:^') {
        findings.push(
          `${field}.${name} must be "workspace:^" (a caret range once published), not "${range}"`,
        );
      }
    }
  }
  return findings;
}

/**
 * What `npm pack` would publish: the user-facing files are in, tests and sources are out.
 * @param {Record<string, any>} manifest
 * @param {string[]} packedFiles paths relative to the package folder
 * @returns {string[]}
 */
export function packedFileFindings(manifest, packedFiles) {
  const findings = [];
  for (const required of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
    if (!packedFiles.includes(required)) findings.push(`${required} is not in the published files`);
  }
  const mapsIntended = (manifest.files ?? []).some((/** @type {string} */ entry) => entry.includes('.map'));
  for (const file of packedFiles) {
    if (/(^|\/)(__tests__|test|tests)\/|\.(test|spec)\.[cm]?[jt]sx?$/.test(file)) {
      findings.push(`a test file would be published: ${file}`);
    } else if (/\.map$/.test(file) && !mapsIntended) {
      findings.push(`a source map would be published (list it in "files" if intended): ${file}`);
    } else if (/^src\/|(^|\/)tsconfig[^/]*\.json$|\.vitest-results\.json$|(^|\/)\.turbo\//.test(file)) {
      findings.push(`a development file would be published: ${file}`);
    }
  }
  for (const [command, target] of Object.entries(binEntries(manifest))) {
    const normalized = target.replace(/^\.\//, '');
    if (!packedFiles.includes(normalized)) findings.push(`bin "${command}" -> ${target} is not published`);
  }
  return findings;
}

/**
 * @param {Record<string, any>} manifest
 * @returns {Record<string, string>}
 */
function binEntries(manifest) {
  if (typeof manifest.bin === 'string') return { [manifest.name.split('/').pop()]: manifest.bin };
  return manifest.bin ?? {};
}

/**
 * The whole checklist for one package.
 * @param {WorkspacePackage} pkg
 * @param {string[]} packedFiles
 * @returns {string[]} findings; empty when the package passes
 */
export function checklistFindings(pkg, packedFiles) {
  const findings = [];
  const readmePath = join(pkg.dir, 'README.md');
  if (existsSync(readmePath)) findings.push(...readmeFindings(pkg.name, readFileSync(readmePath, 'utf8')));
  else findings.push('README.md is missing');
  for (const file of ['LICENSE', 'CHANGELOG.md']) {
    if (!existsSync(join(pkg.dir, file))) findings.push(`${file} is missing`);
  }
  findings.push(...metadataFindings(pkg));
  findings.push(...dependencyFindings(pkg.manifest));
  findings.push(...exportsFindings(pkg.manifest));
  findings.push(...packedFileFindings(pkg.manifest, packedFiles));
  return [...new Set(findings)];
}
