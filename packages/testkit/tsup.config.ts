import { appBuild } from '../../tsup.base.mjs';

// ESM with .d.ts: the workspace's tests and apps import it; it is never published.
export default appBuild(['src/index.ts', 'src/matchers.ts'], { dts: true, external: ['vitest'] });
