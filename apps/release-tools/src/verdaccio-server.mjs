// The registry process of the release test: Verdaccio's own server (its `runServer` API) on
// 127.0.0.1 and a port the OS picks, started as a child so the test can always stop it. Prints
// one line `{"port": N}` once it listens; closes on SIGTERM. Verdaccio's command line refuses
// Node < 22, its server does not.
// Usage: node verdaccio-server.mjs <verdaccio install dir> <config.yaml>
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [installDir, configPath] = process.argv.slice(2);
const entry = pathToFileURL(join(installDir, 'node_modules', 'verdaccio', 'build', 'index.mjs')).href;
const { runServer } = await import(entry);
const app = await runServer(configPath);
const server = app.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: server.address().port }));
});
process.on('SIGTERM', () => {
  server.closeAllConnections?.();
  server.close(() => process.exit(0));
});
