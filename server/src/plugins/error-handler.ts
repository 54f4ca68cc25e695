import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ErrorMessages, issueCode, type ErrorBody } from '@tj/shared';
import { AppError, ImportRowsError } from '../errors';
import { isForeignKeyViolation } from '../lib/mysql-errors';

/**
 * The one mapping from failures to `{ code, message, field? }`. 4xx say what to fix; 5xx
 * say nothing about internals (they are logged instead).
 */
export default fp<{ spaFallback?: boolean }>(async (app, opts) => {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    let status: number;
    let body: ErrorBody;
    if (err instanceof AppError) {
      status = err.statusCode;
      body = { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) };
      if (err instanceof ImportRowsError) body.rows = err.rows;
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const code = issueCode(first?.message);
      const field = first?.instancePath.replace(/^\//, '').replace(/\//g, '.') || undefined;
      status = 400;
      body = { code, message: ErrorMessages[code], ...(field ? { field } : {}) };
    } else if (isForeignKeyViolation(err)) {
      // e.g. a check-in saved into a branch being deleted: the database refused, tell them to refresh
      status = 409;
      body = { code: 'CONFLICT', message: ErrorMessages.CONFLICT };
    } else if (err.statusCode === 429) {
      status = 429;
      body = { code: 'RATE_LIMITED', message: ErrorMessages.RATE_LIMITED };
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own client errors (bad JSON, body too large, unsupported media type).
      status = err.statusCode;
      body = { code: 'VALIDATION_FAILED', message: ErrorMessages.VALIDATION_FAILED };
    } else {
      request.log.error({ err }, 'unhandled error');
      status = 500;
      body = { code: 'INTERNAL', message: ErrorMessages.INTERNAL };
    }
    return reply.status(status).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    // The H5 app routes with browser history: its page URLs are served index.html.
    const isPage = request.method === 'GET' && !/^\/(api|docs)(\/|\?|$)/.test(request.url);
    if (opts.spaFallback && isPage) return reply.type('text/html').sendFile('index.html');
    return reply.status(404).send({ code: 'NOT_FOUND', message: ErrorMessages.NOT_FOUND } satisfies ErrorBody);
  });
}, { name: 'error-handler' });
