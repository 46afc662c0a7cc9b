import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppContext } from '../common/app-context.ts';
import { InvalidCursorError } from '../storage/cursor.ts';
import { documentRoutes } from './routes/documents.ts';
import { healthRoutes } from './routes/health.ts';
import { obligationRoutes } from './routes/obligations.ts';
import { BullmqJobQueue } from '../queue/bullmq.ts';
import { mountQueueBoard } from './admin-queues.ts';
import { eventRoutes } from './routes/events.ts';
import { seriesRoutes } from './routes/series.ts';
import { mountWebUi } from './web-ui.ts';

export type Api = FastifyInstance;

/** The REST API (the query stage): thin routes over the shared repositories and intake service. */
export async function buildServer(ctx: AppContext, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: ctx.config.logLevel } : false,
    bodyLimit: ctx.config.maxUploadBytes,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => `${error.validationContext ?? 'request'}${v.instancePath.replaceAll('/', '.')} ${v.message}`);
      return reply.status(400).send({ error: 'Bad Request', message: `Invalid request: ${details.join('; ')}` });
    }
    if (error instanceof InvalidCursorError) return reply.status(400).send({ error: 'Bad Request', message: error.message });
    const status = typeof (error as { statusCode?: unknown }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 500;
    if (status >= 500) request.log.error(error);
    const message = status >= 500 ? 'Internal server error' : (error as Error).message;
    return reply.status(status).send({ error: status >= 500 ? 'Internal Server Error' : 'Request Error', message });
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Obligato API', version: '1', description: 'Upload compliance documents; query grounded obligations.' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  await app.register(fastifyMultipart, { limits: { fileSize: ctx.config.maxUploadBytes, files: 1 } });
  // Raw uploads: any non-JSON, non-multipart body (text/plain included) arrives as a Buffer.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  await app.register(healthRoutes(ctx));
  await app.register(documentRoutes(ctx), { prefix: '/v1' });
  await app.register(obligationRoutes(ctx), { prefix: '/v1' });
  await app.register(eventRoutes(ctx), { prefix: '/v1' });
  await app.register(seriesRoutes(ctx), { prefix: '/v1' });
  if (ctx.queue instanceof BullmqJobQueue) await mountQueueBoard(app, [...ctx.queue.queues.values()]);
  await mountWebUi(app);
  return app;
}
