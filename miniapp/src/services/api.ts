import type { z } from 'zod';
import { http } from './http';

// The server's answer is typed by the shared response schema, never by a cast: a reply the
// contract does not describe fails here, at the call, instead of deep inside a page.
async function parsed<S extends z.ZodType>(reply: Promise<{ data: unknown }>, schema: S): Promise<z.output<S>> {
  const { data } = await reply;
  return schema.parse(data);
}

/**
 * Typed calls: each one sends through the one `http` client (auth, refresh, ApiError) and
 * parses the reply with the zod schema from @tj/shared. Calls whose reply carries nothing
 * the page needs use `http` directly.
 */
export const api = {
  get: <S extends z.ZodType>(path: string, schema: S, params?: object) => parsed(http.get<unknown>(path, params ? { params } : undefined), schema),
  post: <S extends z.ZodType>(path: string, body: unknown, schema: S) => parsed(http.post<unknown>(path, body), schema),
  put: <S extends z.ZodType>(path: string, body: unknown, schema: S) => parsed(http.put<unknown>(path, body), schema),
  patch: <S extends z.ZodType>(path: string, body: unknown, schema: S) => parsed(http.patch<unknown>(path, body), schema),
};
