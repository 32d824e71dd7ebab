import { appBuild } from '../../tsup.base.mjs';

// ESM with .d.ts: the example apps import it; nothing else does.
export default appBuild(['src/index.ts'], { dts: true });
