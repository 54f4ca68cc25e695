import { z } from 'zod';
import { REASON_MAX_CHARS } from '../limits';
import { AttachmentSchema } from './attachment';
import { codeFor, requiredText } from './common';

/** §4.1 step 5: the operator approves, or returns with a reason. */
export const CheckinReviewSchema = z.discriminatedUnion(
  'action',
  [z.object({ action: z.literal('approve') }), z.object({ action: z.literal('return'), reason: requiredText(REASON_MAX_CHARS, 'TEXT_TOO_LONG', 'RETURN_REASON_REQUIRED') })],
  { error: codeFor('OPTION_INVALID') },
);
export type CheckinReview = z.infer<typeof CheckinReviewSchema>;

/**
 * §4.2 offline verification that found the data right [001]: a note and a photo of the
 * member holding the ID card; approves the check-in and sets real-name `offlinePassed`.
 * (Data wrong → a normal return.)
 */
export const OfflineVerifySchema = z.object({
  note: requiredText(REASON_MAX_CHARS, 'TEXT_TOO_LONG', 'OFFLINE_NOTE_REQUIRED'),
  // Said at the field: without it zod's own "expected object" became the generic VALIDATION_FAILED.
  photo: z.object(AttachmentSchema.shape, { error: (i) => (i.input == null ? 'OFFLINE_PHOTO_REQUIRED' : 'UPLOAD_INVALID') }),
});
export type OfflineVerify = z.infer<typeof OfflineVerifySchema>;
