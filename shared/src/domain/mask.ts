/**
 * §9 privacy: lists show ID numbers and phones masked. Keeps the first 3 and last 4
 * characters; a value too short to keep both is masked whole.
 */
export const maskMiddle = (value: string, head = 3, tail = 4): string => {
  const chars = [...value];
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join('');
};

/** '440106199001011234' → '440***********1234'. */
export const maskIdNumber = (idNumber: string): string => maskMiddle(idNumber);

/** '13812345678' → '138****5678'. */
export const maskMobile = (mobile: string): string => maskMiddle(mobile);
