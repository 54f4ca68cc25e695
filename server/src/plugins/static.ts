import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { ErrorMessages } from '@tj/shared';

/**
 * Serves the H5 build at `/`. The H5 router uses browser history, so unknown GETs outside
 * /api and /docs fall back to index.html.
 */
export default fp<{ root: string }>(async (app, opts) => {
  await app.register(fastifyStatic, { root: opts.root, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !/^\/(api|docs)(\/|$)/.test(request.url);
    if (isPage) return reply.type('text/html').sendFile('index.html');
    return reply.status(404).send({ code: 'NOT_FOUND', message: ErrorMessages.NOT_FOUND });
  });
}, { name: 'static', dependencies: ['error-handler'] });
