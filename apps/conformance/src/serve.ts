import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
};

/** What the server answers: in-memory pages, plus package files for browser assets. */
export interface PageSource {
  /** Path -> contents, for example '/index.html'. */
  files: Map<string, { body: string | Uint8Array; type: string }>;
  /** Directory from which `/modules/<package>/<path>` resolves packages (walking up node_modules). */
  packageDirectory?: string;
}

/** The directory of package `name` as seen from `from` (node_modules lookup, walking up). */
export function findPackage(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Maps '/modules/@scope/name/dist/x.wasm' to a file inside that package, or undefined. */
function moduleFile(path: string, from: string): string | undefined {
  const parts = decodeURIComponent(path).split('/').slice(2);
  const count = parts[0]?.startsWith('@') ? 2 : 1;
  const root = findPackage(parts.slice(0, count).join('/'), from);
  if (!root) return undefined;
  const file = normalize(join(root, ...parts.slice(count)));
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) return undefined;
  return file;
}

/**
 * A static server on 127.0.0.1 (a free port). Pages come from `source.files`; `/modules/...`
 * serves files of packages resolvable from `source.packageDirectory`, so an adapter's framework
 * can fetch its .wasm files (ConformanceEnvironment.assetBase). Cross-origin isolated, so
 * threaded wasm may use SharedArrayBuffer.
 */
export async function startServer(source: PageSource): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    response.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    response.setHeader('Cache-Control', 'no-store');
    const page = source.files.get(path === '/' ? '/index.html' : path);
    if (page) {
      response.writeHead(200, { 'Content-Type': page.type });
      response.end(page.body);
      return;
    }
    const file =
      path.startsWith('/modules/') && source.packageDirectory
        ? moduleFile(path, source.packageDirectory)
        : undefined;
    if (file) {
      response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(readFileSync(file));
      return;
    }
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.end(`not found: ${path}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}` };
}
