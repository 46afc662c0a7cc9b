import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { Metrics } from './metrics.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * For worker-only processes (roles ingest and extract run no API): a bare listener on
 * METRICS_PORT with `/livez` (the container health check) and `/metrics`, which needs METRICS_TOKEN
 * as a bearer token (the API keys live behind the API); without a token set, /metrics is refused.
 */
export async function startMetricsServer(metrics: Metrics, options: { host: string; port: number; token: string | undefined }): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && url === '/livez') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}\n');
      return;
    }
    if (req.method !== 'GET' || url !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!options.token) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('set METRICS_TOKEN to read /metrics here\n');
      return;
    }
    if (!presented || !timingSafeEqual(digest(presented), digest(options.token))) {
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }).end('METRICS_TOKEN required\n');
      return;
    }
    metrics.registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body),
      (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${(error as Error).message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return server;
}
