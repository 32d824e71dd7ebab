import { appBuild } from '../../tsup.base.mjs';

export default appBuild(['src/cli.ts']);
