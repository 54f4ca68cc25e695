import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

/**
 * Serves the H5 build at `/`. The H5 router uses browser history, so the not-found handler
 * (plugins/error-handler.ts) answers unknown page URLs with index.html.
 */
export default fp<{ root: string }>(
  async (app, opts) => {
    await app.register(fastifyStatic, { root: opts.root, wildcard: false });
  },
  { name: 'static' },
);
