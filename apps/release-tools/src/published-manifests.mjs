// Reads back what the registry serves for a published version and checks the published
// package.json: no `workspace:` range survives, and every @sparseout dependency is the caret
// range of the version published alongside it (CONTRIBUTING.md's version policy).

/**
 * What the registry serves for `name`: its versions, each with its package.json; `undefined` when
 * the registry answers 404.
 * @param {string} registryUrl ends with '/'
 * @param {string} name
 * @returns {Promise<{ versions?: Record<string, Record<string, any>> } | undefined>}
 */
export async function fetchPackument(registryUrl, name) {
  const response = await fetch(`${registryUrl}${name.replace('/', '%2f')}`);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`${name}: ${registryUrl} answered HTTP ${response.status}`);
  return /** @type {{ versions?: Record<string, Record<string, any>> }} */ (await response.json());
}

/**
 * The package.json the registry serves for `name@version`.
 * @param {string} registryUrl ends with '/'
 * @param {string} name
 * @param {string} version
 * @returns {Promise<Record<string, any>>}
 */
export async function fetchPublishedManifest(registryUrl, name, version) {
  const packument = await fetchPackument(registryUrl, name);
  if (!packument) throw new Error(`${name} is not on ${registryUrl} (HTTP 404)`);
  const manifest = packument.versions?.[version];
  if (!manifest) {
    const versions = Object.keys(packument.versions ?? {}).join(', ') || 'none';
    throw new Error(`${name}@${version} is not on ${registryUrl} (versions there: ${versions})`);
  }
  return manifest;
}

/**
 * Problems with the dependency ranges of a published manifest.
 * @param {Record<string, any>} manifest as published
 * @param {Map<string, string>} releasedVersions name -> version published in the same release
 * @returns {string[]}
 */
export function publishedRangeFindings(manifest, releasedVersions) {
  const findings = [];
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith('workspace:')) {
        findings.push(`${manifest.name} was published with ${field}.${name} = "${range}"`);
      } else if (field !== 'devDependencies' && releasedVersions.has(name)) {
        const expected = `^${releasedVersions.get(name)}`;
        if (range !== expected) {
          findings.push(`${manifest.name} ${field}.${name} is "${range}", expected "${expected}"`);
        }
      }
    }
  }
  return findings;
}
