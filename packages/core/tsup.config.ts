import { packageBuild } from '../../tsup.base.mjs';

export default packageBuild(['src/index.ts']);
