import { packageBuild } from '../../tsup.base.mjs';

export default packageBuild(['src/index.ts', 'src/conformance.ts'], {
  // One shared chunk for both entry points in ESM and CJS, so kernels and the layer class register once.
  splitting: true,
  external: [/^@tensorflow\//, /^@sparseout\//],
});
