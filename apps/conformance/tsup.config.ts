import { appBuild } from '../../tsup.base.mjs';

export default appBuild(['src/main.ts'], {
  // Resolved at run time from the workspace, never bundled.
  external: ['cli-progress', /^@sparseout\//],
});
