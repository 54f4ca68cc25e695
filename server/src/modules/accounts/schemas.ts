import { z } from 'zod';
import { MobileSchema } from '@tj/shared';

/** The test-only endpoint's contract (server-internal: never part of the product API). */
export const TestSmsParamsSchema = z.object({ phone: MobileSchema });
export const TestSmsCodeSchema = z.object({ code: z.string(), text: z.string() });
