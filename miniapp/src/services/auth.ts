import { ErrorMessages, LoginSchema, TokenResponseSchema, issueCode, type Login, type TokenResponse } from '@tj/shared';
import { ApiError } from './api-error';
import { api } from './api';

/**
 * The same check the server runs on POST /auth/login, answered the same way
 * (`{ code, message, field }`), so the form never sends what the server would refuse.
 */
export function checkLogin(input: Login): ApiError | null {
  const result = LoginSchema.safeParse(input);
  if (result.success) return null;
  const issue = result.error.issues[0];
  const code = issueCode(issue?.message);
  return new ApiError(code, ErrorMessages[code], issue ? String(issue.path[0]) : undefined);
}

/** POST /auth/login — rejects with an ApiError (e.g. INVALID_CREDENTIALS from the server). */
export async function login(input: Login): Promise<TokenResponse> {
  const problem = checkLogin(input);
  if (problem) throw problem;
  return api.post('/auth/login', LoginSchema.parse(input), TokenResponseSchema);
}
