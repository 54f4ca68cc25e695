import { isAxiosError } from 'axios';
import { ErrorBodySchema, ErrorMessages, isErrorCode, type ErrorCode } from '@tj/shared';

/** Not a server code: the request never got an answer. */
export const NETWORK_ERROR = 'NETWORK_ERROR';
const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';

export type ApiErrorCode = ErrorCode | typeof NETWORK_ERROR;

/** What every failed call rejects with: the server's `{ code, message, field? }`. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly field?: string;
  readonly status?: number;

  constructor(code: ApiErrorCode, message: string, field?: string, status?: number) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = field;
    this.status = status;
  }
}

/** Turns anything a call can throw into an ApiError, keeping the server's own message. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isAxiosError(error)) {
    const { response } = error;
    if (!response) return new ApiError(NETWORK_ERROR, NETWORK_MESSAGE);
    const body = ErrorBodySchema.safeParse(response.data);
    if (body.success) {
      const { code, message, field } = body.data;
      return new ApiError(isErrorCode(code) ? code : 'INTERNAL', message || ErrorMessages.INTERNAL, field, response.status);
    }
    return new ApiError('INTERNAL', ErrorMessages.INTERNAL, undefined, response.status);
  }
  return new ApiError('INTERNAL', ErrorMessages.INTERNAL);
}
