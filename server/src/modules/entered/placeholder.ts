/**
 * The phone of an entered member's placeholder account (modules/entered/service.ts): not a
 * mobile number, so no login reaches it. Lists that show an account's phone show the phone of
 * the member's form instead while the record is unclaimed.
 */
export const PLACEHOLDER_PHONE_PREFIX = 'entered-';
export const isPlaceholderPhone = (phone: string) => phone.startsWith(PLACEHOLDER_PHONE_PREFIX);

/** The phone to show for a member: the account's, or the form's for a placeholder account. */
export const shownPhone = (accountPhone: string, data: Record<string, unknown> | null | undefined) =>
  isPlaceholderPhone(accountPhone) ? (typeof data?.phone === 'string' ? data.phone : '') : accountPhone;
