import type { FastifyRequest } from 'fastify';
import type { DestinationStream, LoggerOptions } from 'pino';
import { stdSerializers } from 'pino';

/**
 * What the server logs must not hand out personal data or credentials (issue 12 item 10, §9):
 * phones, ID numbers, SMS / reset / admin codes, invitation and refresh tokens, passwords, and
 * the SQL parameters a failed query carries. Three layers: pino redaction of known field
 * names, a request serializer that scrubs query strings and paths, and an error serializer that
 * drops SQL parameters and masks phone / ID patterns in messages.
 */

const SECRET_FIELDS = [
  'password',
  'confirmPassword',
  'oldPassword',
  'newPassword',
  'phone',
  'newPhone',
  'mobile',
  'contactPhone',
  'idNumber',
  'smsCode',
  'code',
  'token',
  'refreshToken',
  'accessToken',
];
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.filter((f) => f !== 'code').map((f) => `*.${f}`),
  'req.body',
  'body',
];

// 11-digit mainland mobiles and 15/18-character ID numbers, standing alone.
const PHONE = /(?<![\dA-Za-z])1[3-9]\d{9}(?!\d)/g;
const ID_NUMBER = /(?<![\dA-Za-z])(\d{17}[\dXx]|\d{15})(?![\dA-Za-z])/g;
/** Masks phone and ID-number patterns in free text (error messages, URLs, SMS texts). */
export const scrubText = (s: string): string => s.replace(ID_NUMBER, '[id]').replace(PHONE, '[phone]');

/** Query parameters whose values are secrets or search terms that may be phones / IDs. */
const SECRET_QUERY = /^(token|q|code|phone|mobile|idNumber|id_number|smsCode|scene|keyword)$/i;

/** A URL as it may be logged: secret query values replaced, phone / ID patterns masked. */
export function scrubUrl(url: string): string {
  const at = url.indexOf('?');
  const path = scrubText(at < 0 ? url : url.slice(0, at));
  if (at < 0) return path;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return scrubText(pair);
      const name = pair.slice(0, eq);
      return SECRET_QUERY.test(decodeSafe(name)) ? `${name}=***` : `${name}=${scrubText(pair.slice(eq + 1))}`;
    })
    .join('&');
  return `${path}?${query}`;
}

const decodeSafe = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

const serializeReq = (req: FastifyRequest) => ({
  method: req.method,
  url: scrubUrl(req.url),
  host: req.host,
  remoteAddress: req.ip,
  remotePort: req.socket?.remotePort,
});

/**
 * Errors without SQL parameters: drizzle's DrizzleQueryError puts `params` into its message and
 * a field, mysql2 errors carry the SQL with values inlined (`sql`) and echo values in messages
 * ("Duplicate entry '1380…'"). The query text itself stays: it is what one debugs with.
 */
function serializeErr(err: unknown): unknown {
  if (typeof err === 'string') return scrubText(err);
  if (!(err instanceof Error)) return err;
  const out = stdSerializers.err(err) as unknown as Record<string, unknown>;
  const scrub = (v: unknown) => (typeof v === 'string' ? scrubText(v.replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/g, '\nparams: [redacted]')) : v);
  out.message = scrub(out.message);
  out.stack = scrub(out.stack);
  delete out.params;
  delete out.sql;
  delete out.sqlMessage;
  delete out.values;
  if (out.cause && typeof out.cause === 'object') out.cause = serializeErr(err.cause);
  return out;
}

/** The server's logger options; tests pass a stream to read what would be written. */
export function loggerOptions(level: string, stream?: DestinationStream): LoggerOptions & { stream?: DestinationStream } {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { req: serializeReq as never, err: serializeErr, error: serializeErr },
    ...(stream ? { stream } : {}),
  };
}
