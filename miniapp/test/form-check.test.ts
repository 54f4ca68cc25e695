import { ErrorMessages } from '@tj/shared';
import { ApiError } from '../src/services/api-error';
import { fieldErrorsOf } from '../src/services/form-check';

describe('fieldErrorsOf (a server error placed like a client-side check)', () => {
  it('puts a field error at its field, a list item’s at the list, the rest at form level', () => {
    expect(fieldErrorsOf(new ApiError('REQUIRED', ErrorMessages.REQUIRED, 'reason'))).toEqual({ reason: ErrorMessages.REQUIRED });
    expect(fieldErrorsOf(new ApiError('UPLOAD_INVALID', ErrorMessages.UPLOAD_INVALID, 'attachments.0'))).toEqual({ attachments: ErrorMessages.UPLOAD_INVALID });
    expect(fieldErrorsOf(new ApiError('INTERNAL', ErrorMessages.INTERNAL))).toEqual({ '': ErrorMessages.INTERNAL });
  });
});
