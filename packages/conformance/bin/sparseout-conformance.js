#!/usr/bin/env node
// The `sparseout-conformance` command: a committed stub so package managers can link the bin
// before the package is built; the CLI itself is dist/cli.js.
import '../dist/cli.js';
