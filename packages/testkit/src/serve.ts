import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
