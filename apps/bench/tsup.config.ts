import { appBuild } from '../../tsup.base.mjs';

// Unbundled: every file of src/ becomes its own module in dist/, so the harness can discover
// dist/suites/*.js at run time and a new suite is one new file.
export default appBuild(['src/**/*.ts', '!src/**/*.test.ts'], { bundle: false });
