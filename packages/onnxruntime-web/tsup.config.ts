import { packageBuild } from '../../tsup.base.mjs';

export default packageBuild(['src/index.ts', 'src/conformance.ts'], {
  external: ['onnxruntime-web', 'protobufjs', '@sparseout/core', '@sparseout/conformance'],
});
