import type { OpenAPIV3 } from 'openapi-types';

type Doc = OpenAPIV3.Document;

/**
 * Finishing touches the route schemas cannot express: the upload's request body (the route reads
 * multipart or raw bytes itself, so it declares no `body` that Fastify would validate), and no
 * content on 204 responses.
 */
export function finishOpenApi(doc: Doc): Doc {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = item?.[method];
      if (!op) continue;
      const noContent = op.responses?.['204'] as OpenAPIV3.ResponseObject | undefined;
      if (noContent) delete noContent.content;
      if (path === '/v1/documents' && method === 'post') {
        op.requestBody = {
          required: true,
          description: 'The document: a multipart form with exactly one file field named "file", or the raw bytes (then ?filename= is required).',
          content: {
            'multipart/form-data': {
              schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
            },
            'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
          },
        };
      }
    }
  }
  return doc;
}
