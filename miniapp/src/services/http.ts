import axios from 'axios';
import { API_BASE } from '../env';
import { toApiError } from './api-error';
import { taroAdapter } from './taro-adapter';

/** The one HTTP client: every call rejects with an ApiError. */
export const http = axios.create({
  baseURL: API_BASE,
  adapter: taroAdapter,
  timeout: 15_000,
  headers: { 'Content-Type': 'application/json' },
});

// The store registers itself here (stores/index.ts) so http does not import the store:
// the store's actions call services, and services must not call back into the store.
let readAccessToken: () => string | null | undefined = () => null;

export function setAccessTokenSource(source: () => string | null | undefined): void {
  readAccessToken = source;
}

http.interceptors.request.use((config) => {
  const token = readAccessToken();
  if (token) config.headers.set('Authorization', `Bearer ${token}`);
  return config;
});

http.interceptors.response.use(undefined, (error: unknown) => Promise.reject(toApiError(error)));
