import axios from 'axios';
import { API_BASE } from '../env';
import { toApiError } from './api-error';
import { taroAdapter } from './taro-adapter';

/** The one HTTP client: every call rejects with an ApiError. */
export const http = axios.create({
  baseURL: API_BASE,
  adapter: taroAdapter,
  timeout: 15_000,
  // No default Content-Type: axios sets application/json when there is a body, and a
  // body-less POST/DELETE must not claim JSON (Fastify refuses an empty JSON body).
});

// The store registers itself here (stores/index.ts) so http does not import the store:
// the store's actions call services, and services must not call back into the store.
let readAccessToken: () => string | null | undefined = () => null;

export function setAccessTokenSource(source: () => string | null | undefined): void {
  readAccessToken = source;
}

/** The session's access token (the chat socket sends it in its first frame). */
export const currentAccessToken = (): string | null => readAccessToken() ?? null;

http.interceptors.request.use((config) => {
  const token = readAccessToken();
  if (token) config.headers.set('Authorization', `Bearer ${token}`);
  return config;
});

/**
 * Access tokens live 15 minutes; on TOKEN_EXPIRED the client trades its refresh token once
 * (one refresh shared by all requests that failed together — the server rotates refresh
 * tokens, so a second trade would fail) and replays the request. No refresh token, or a
 * refused one, ends the session.
 */
export interface SessionRefresher {
  refreshToken(): string | null | undefined;
  save(tokens: { accessToken: string; refreshToken: string }): void;
  expire(): void;
}

let refresher: SessionRefresher | null = null;
let refreshing: Promise<boolean> | null = null;

export function setSessionRefresher(r: SessionRefresher): void {
  refresher = r;
}

/** Trades the refresh token for new tokens (shared by everyone asking at once); false: the session ended. */
export const refreshAccessToken = (): Promise<boolean> => refreshOnce();

async function refreshOnce(): Promise<boolean> {
  const token = refresher?.refreshToken();
  if (!refresher || !token) return false;
  refreshing ??= http
    .post<{ accessToken: string; refreshToken: string }>('/auth/refresh', { refreshToken: token }, { _retried: true } as object)
    .then(({ data }) => {
      refresher?.save({ accessToken: data.accessToken, refreshToken: data.refreshToken });
      return true;
    })
    .catch(() => {
      refresher?.expire();
      return false;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

http.interceptors.response.use(undefined, async (error: unknown) => {
  const apiError = toApiError(error);
  const config = (error as { config?: { _retried?: boolean } & Parameters<typeof http.request>[0] }).config;
  if (apiError.code === 'TOKEN_EXPIRED' && config && !config._retried && (await refreshOnce())) {
    return http.request({ ...config, _retried: true } as Parameters<typeof http.request>[0]);
  }
  return Promise.reject(apiError);
});
