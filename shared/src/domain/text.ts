/**
 * Characters as a person counts them: Unicode code points, so 𠀀 (beyond the BMP) or 😀 is
 * one character, not two UTF-16 units and not four bytes (§3.2 "characters, not bytes").
 */
export const countChars = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};
