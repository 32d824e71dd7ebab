import { appBuild } from '../../tsup.base.mjs';

export default appBuild(['src/main.ts']);
