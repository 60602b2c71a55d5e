// The page server: a tiny HTTP server on 127.0.0.1:0 that serves the player
// page, its recorder script and the hls.js build from node_modules. Its port
// differs from the stream's, so every playlist and segment request is
// cross-origin and exercises the stream server's CORS headers.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

const files = {
  '/': { file: path.join(here, 'page.html'), type: 'text/html; charset=utf-8' },
  '/page.js': { file: path.join(here, 'page.js'), type: 'text/javascript' },
  // The UMD build: a classic script that defines window.Hls.
  '/hls.js': { file: require.resolve('hls.js/dist/hls.js'), type: 'text/javascript' },
};

// servePage starts the server and resolves to {url, close}.
export async function servePage() {
  const bodies = new Map();
  for (const [route, { file, type }] of Object.entries(files)) {
    bodies.set(route, { body: await readFile(file), type });
  }
  const server = http.createServer((req, res) => {
    const route = new URL(req.url, 'http://page').pathname;
    const hit = bodies.get(route);
    if (!hit) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': hit.type, 'cache-control': 'no-store' });
    res.end(hit.body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
