import { fileURLToPath } from 'node:url';

/** The app's root folder (apps/experiments), from src/ or dist/ alike. */
export const APP_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where full runs write: the repository's docs/experiments/. */
export const DOCS_OUT = fileURLToPath(new URL('../../../docs/experiments/', import.meta.url));

/** Where --quick runs write, so a smoke test never overwrites the documented results (git-ignored). */
export const QUICK_OUT = fileURLToPath(new URL('../out-quick/', import.meta.url));
