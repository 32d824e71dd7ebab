import { packageBuild } from '../../tsup.base.mjs';

export default packageBuild(['src/index.ts', 'src/conformance.ts'], {
  external: ['brain.js', 'gpu.js', '@sparseout/core', '@sparseout/conformance'],
});
