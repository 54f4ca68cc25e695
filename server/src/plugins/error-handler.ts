import fp from 'fastify-plugin';
import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ErrorMessages, issueCode, type ErrorBody, type ErrorCode } from '@tj/shared';
import { AppError, ImportRowsError } from '../errors';
import { isConnectionError, isForeignKeyViolation, isRetryableLockError } from '../lib/mysql-errors';

/**
 * Failures Node's HTTP parser meets before Fastify sees a request (Fastify's
 * `clientErrorHandler`): a request line or headers over the 16 KB limit, malformed HTTP, a
 * client too slow. Fastify's default answers these in English without our `code`; these
 * answer like every other refusal.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code]: [number, ErrorCode] =
    err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'REQUEST_TOO_LARGE'] : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'VALIDATION_FAILED'] : [400, 'VALIDATION_FAILED'];
  const body = JSON.stringify({ code, message: ErrorMessages[code] } satisfies ErrorBody);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/**
 * Fastify's router refusals that bypass the error handler (`frameworkErrors`): a path that
 * is not valid percent-encoding (FST_ERR_BAD_URL) and a path parameter over maxParamLength
 * (FST_ERR_MAX_PARAM_LENGTH — no id or scene is that long, so nothing is there).
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const [status, code]: [number, ErrorCode] = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? [404, 'NOT_FOUND'] : [400, 'VALIDATION_FAILED'];
  // Fastify ignores this callback's result; the reply is sent, not awaited.
  void reply.status(status).send({ code, message: ErrorMessages[code] } satisfies ErrorBody);
}

/** busboy's parse errors carry no status code, only their message. */
const isBrokenMultipart = (err: Error & { statusCode?: number }) => !err.statusCode && /multipart|boundary/i.test(err.message);

/**
 * The one mapping from failures to `{ code, message, field? }`. 4xx say what to fix; 5xx
 * say nothing about internals (they are logged instead).
 */
export default fp<{ spaFallback?: boolean }>(
  async (app, opts) => {
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
      } else if (isConnectionError(err) || isRetryableLockError(err)) {
        // issue 19: the database node went away under a statement (or a lock conflict outlasted
        // the transaction retries): not a success, not a bug — the client may simply retry
        request.log.warn({ err }, 'database unavailable or conflicting: answered DB_RETRY');
        status = 503;
        body = { code: 'DB_RETRY', message: ErrorMessages.DB_RETRY };
        void reply.header('retry-after', '1');
      } else if (err.statusCode === 429) {
        status = 429;
        body = { code: 'RATE_LIMITED', message: ErrorMessages.RATE_LIMITED };
      } else if (err.statusCode === 413) {
        status = 413;
        body = { code: 'REQUEST_TOO_LARGE', message: ErrorMessages.REQUEST_TOO_LARGE };
      } else if (isBrokenMultipart(err)) {
        // a multipart body cut short or without its boundary (busboy says so without a status):
        // the client's upload is broken, not the server
        status = 400;
        body = { code: 'VALIDATION_FAILED', message: ErrorMessages.VALIDATION_FAILED };
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
  },
  { name: 'error-handler' },
);
