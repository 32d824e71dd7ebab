import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

/** A page served on 127.0.0.1: its origin (`http://127.0.0.1:<port>`) and `close`. */
export interface ServedPage {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves one page on 127.0.0.1 at a free port: `/` is an empty document that loads `/bundle.js`,
 * the module `code`. Any other path is a 404. 127.0.0.1 is a secure context, so WebGPU works.
 */
export async function servePage(code: string, title = 'sparseout'): Promise<ServedPage> {
  const html = `<!doctype html><meta charset="utf-8"><title>${title}</title><script type="module" src="/bundle.js"></script>`;
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/bundle.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
      response.end(code);
    } else if (path === '/') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(html);
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  return listen(server);
}

/** Content types of the files a built page holds. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Serves the files under `root` (a built page: index.html for a folder path) on 127.0.0.1 at a
 * free port. Paths outside `root` and missing files are 404s.
 */
export async function serveFolder(root: string): Promise<ServedPage> {
  const base = normalize(root.endsWith(sep) ? root : root + sep);
  const listener: RequestListener = (request, response) => {
    const path = normalize(join(base, decodeURIComponent((request.url ?? '/').split('?')[0])));
    const file = path.endsWith(sep) ? join(path, 'index.html') : path;
    if (!file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404);
      response.end();
      return;
    }
    response.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  };
  return listen(createServer(listener));
}

/** Starts `server` on 127.0.0.1 at a free port. */
async function listen(server: ReturnType<typeof createServer>): Promise<ServedPage> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
