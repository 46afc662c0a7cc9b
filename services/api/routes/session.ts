import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse } from '../../../schemas/api.ts';
import { principalOf, SESSION_COOKIE } from '../auth.ts';

const Session = z.object({ tenant: z.string(), scopes: z.array(z.string()) });

/**
 * The analyst page signs in once: it sends the key as a Bearer header here and gets it back as an
 * HttpOnly, SameSite=Strict cookie, which EventSource streams, export links and bull-board then
 * carry (none of them can set headers). Script on the page never holds the key after that.
 */
export const sessionRoutes = (): FastifyPluginAsyncZod => async (app) => {
  app.get('/session', {
    config: { scope: 'read' },
    schema: { tags: ['session'], operationId: 'getSession', summary: 'Who the presented key acts for', response: { 200: Session, 401: ErrorResponse, 403: ErrorResponse } },
  }, async (req) => {
    const p = principalOf(req);
    return { tenant: p.tenantId, scopes: [...p.scopes] };
  });

  app.post('/session', {
    config: { scope: 'read' },
    schema: {
      tags: ['session'], operationId: 'createSession', summary: 'Exchange the Bearer key for an HttpOnly session cookie (the analyst page)',
      response: { 200: Session, 401: ErrorResponse, 403: ErrorResponse },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const header = req.headers.authorization ?? '';
    const key = /^Bearer\s+(\S+)/i.exec(header)?.[1];
    if (key) {
      const secure = req.protocol === 'https' ? '; Secure' : '';
      void reply.header('set-cookie', `${SESSION_COOKIE}=${encodeURIComponent(key)}; Path=/; HttpOnly; SameSite=Strict${secure}`);
    }
    return { tenant: p.tenantId, scopes: [...p.scopes] };
  });

  app.delete('/session', {
    config: { scope: 'read' },
    schema: { tags: ['session'], operationId: 'deleteSession', summary: 'Sign out: drop the session cookie', response: { 204: z.null().describe('Signed out'), 401: ErrorResponse } },
  }, async (_req, reply) => {
    void reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    return reply.status(204).send(null);
  });
};
