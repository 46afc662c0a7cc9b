import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `npm run build` (vite) writes the analyst page. */
export const WEB_DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), 'web', 'dist');

/**
 * Serves the analyst page at `/`. Hash routing keeps every view on index.html, so no SPA fallback
 * route can shadow /v1, /docs or /admin. Without a build, `/` says how to make one.
 */
export async function mountWebUi(app: FastifyInstance, dist = WEB_DIST): Promise<void> {
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.status(503).type('text/plain')
      .send('The analyst page is not built: run `npm run build`. The REST API is at /v1, its documentation at /docs.'));
    return;
  }
  await app.register(fastifyStatic, {
    root: dist, prefix: '/', decorateReply: false, wildcard: false, index: ['index.html'],
    // Hashed asset names never change content; index.html must always be revalidated.
    setHeaders: (res, file) => {
      res.header('cache-control', file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
}
