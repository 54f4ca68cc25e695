import { z } from 'zod';
import { validateMobile, validatePassword } from '../domain/person';
import { fromCheck } from './common';

export const MobileSchema = z.string().trim().superRefine(fromCheck(validateMobile));
export const PasswordSchema = z.string().superRefine(fromCheck(validatePassword));

export const LoginSchema = z.object({
  phone: MobileSchema,
  // Login only checks presence: a wrong-shape password is just a wrong password.
  password: z.string().min(1, 'REQUIRED').max(64),
});
export type Login = z.infer<typeof LoginSchema>;

export const SessionUserSchema = z.object({
  id: z.string(),
  phone: z.string(),
  name: z.string().nullable(),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const TokenResponseSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  user: SessionUserSchema,
});
export type TokenResponse = z.infer<typeof TokenResponseSchema>;
