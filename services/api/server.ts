import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../common/app-context.ts';
import { BullmqJobQueue } from '../queue/bullmq.ts';
import { mountQueueBoard } from './admin-queues.ts';
import { installAuth } from './auth.ts';
import { AppError } from '../core/errors.ts';
import { frameworkErrors, installErrorHandler } from './errors.ts';
import { installRequestGuards } from './request-guards.ts';
import { documentRoutes } from './routes/documents.ts';
import { eventRoutes } from './routes/events.ts';
import { healthRoutes, installQueueGuard } from './routes/health.ts';
import { obligationRoutes } from './routes/obligations.ts';
import { seriesRoutes } from './routes/series.ts';
import { sessionRoutes } from './routes/session.ts';
import { finishOpenApi } from './openapi.ts';
import { mountWebUi } from './web-ui.ts';
import { installHttpObservability, requestIdOptions } from '../observability/http.ts';
import type { Logger } from '../observability/logger.ts';
import { Metrics } from '../observability/metrics.ts';

export type Api = FastifyInstance;

export interface ServerOptions {
  logger?: boolean;
  /** The process's structured logger (serve); without it, `logger` picks Fastify's own or none. */
  log?: Logger;
  /** The process's metrics registry (serve); without it the server makes its own. */
  metrics?: Metrics;
  /** Requests per minute per API key (per address without one); 0 = no limit. */
  rateLimitPerMinute?: number;
}

/** The REST API (the query stage): thin routes over the document service and repositories. */
export async function buildServer(ctx: AppContext, options: ServerOptions = {}): Promise<FastifyInstance> {
  const loggerInstance: FastifyBaseLogger | undefined = options.log?.child({ component: 'http' });
  const app = Fastify({
    ...(loggerInstance ? { loggerInstance } : { logger: options.logger ? { level: ctx.config.logLevel } : false }),
    ...requestIdOptions,
    bodyLimit: ctx.config.maxUploadBytes,
    // Errors Fastify answers before any hook (an undecodable URL, a bad content type) get the catalogue's body too.
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  const metrics = options.metrics ?? new Metrics();
  if (!options.metrics && ctx.queue instanceof BullmqJobQueue) metrics.watchQueues([...ctx.queue.queues.values()], ctx.config.redisTimeoutMs);
  installHttpObservability(app, ctx, metrics);

  if (ctx.config.auth === 'off') {
    if (!['127.0.0.1', '::1', 'localhost'].includes(ctx.config.host)) {
      throw new Error(`AUTH=off is only allowed on a loopback HOST (127.0.0.1, ::1, localhost), not ${ctx.config.host}: create API keys with \`obligato keys create\``);
    }
    process.stderr.write(`WARNING: AUTH=off: no API keys are checked; every request acts for tenant "${ctx.config.tenant}".\n`);
    app.log.warn(`AUTH=off: no API keys are checked; every request acts for tenant "${ctx.config.tenant}" with all scopes. Loopback development only.`);
  }
  await app.register(fastifyHelmet, {
    // The page is same-origin modules and one stylesheet: no inline script or style, no frames.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"], 'script-src': ["'self'"], 'style-src': ["'self'"], 'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"], 'font-src': ["'self'"], 'object-src': ["'none'"], 'base-uri': ["'self'"],
        'form-action': ["'self'"], 'frame-ancestors': ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  installRequestGuards(app);
  installAuth(app, { mode: ctx.config.auth, tenant: ctx.config.tenant, keys: ctx.apiKeys });
  installQueueGuard(app, ctx);
  const perMinute = options.rateLimitPerMinute ?? ctx.config.rateLimitPerMinute;
  if (perMinute > 0) {
    await app.register(fastifyRateLimit, {
      max: perMinute, timeWindow: 60_000,
      // Per key when there is one (the tenant's callers share nothing), else per address.
      keyGenerator: (req) => req.principal?.keyId ?? req.ip,
      // Thrown by the plugin, so the one error handler answers it like every other error.
      errorResponseBuilder: (_req, context) => new AppError(
        'rate_limited', `Rate limit of ${context.max} requests per minute reached; retry in ${Math.ceil(context.ttl / 1000)} s`,
      ),
    });
  }

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Obligato API', version: '1', description: 'Upload compliance documents; query grounded obligations.' },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from `obligato keys create` (obl_…)' },
        },
      },
      security: [{ apiKey: [] }],
      servers: [{ url: '/', description: 'This server' }],
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => ('openapiObject' in input ? finishOpenApi(input.openapiObject as Parameters<typeof finishOpenApi>[0]) : input.swaggerObject),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true });
  await app.register(fastifyMultipart, { limits: { fileSize: ctx.config.maxUploadBytes, files: 1, fields: 20, parts: 21 } });
  // Raw uploads: any non-JSON, non-multipart body (text/plain included) arrives as a Buffer.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  await app.register(healthRoutes(ctx));
  await app.register(sessionRoutes(), { prefix: '/v1' });
  await app.register(documentRoutes(ctx), { prefix: '/v1' });
  await app.register(obligationRoutes(ctx), { prefix: '/v1' });
  await app.register(eventRoutes(ctx), { prefix: '/v1' });
  await app.register(seriesRoutes(ctx), { prefix: '/v1' });
  if (ctx.queue instanceof BullmqJobQueue) await mountQueueBoard(app, [...ctx.queue.queues.values()]);
  await mountWebUi(app);
  return app;
}
