// The tsup options every workspace package and app shares; each tsup.config.ts passes only what differs.

/** @typedef {import('tsup').Options} TsupOptions */

/** ES2022, no source maps, dist/ emptied before each build. */
const shared = { sourcemap: false, clean: true, target: 'es2022' };

/**
 * A public package: ESM and CJS with .d.ts and .d.cts for every entry point.
 * @param {string[]} entry
 * @param {TsupOptions} [options] what this package adds (external, splitting, ...)
 * @returns {TsupOptions}
 */
export function packageBuild(entry, options = {}) {
  return { entry, format: ['esm', 'cjs'], dts: true, ...shared, ...options };
}

/**
 * An app: ESM only, no type declarations.
 * @param {string[]} entry
 * @param {TsupOptions} [options] what this app adds (external, ...)
 * @returns {TsupOptions}
 */
export function appBuild(entry, options = {}) {
  return { entry, format: ['esm'], dts: false, ...shared, ...options };
}
