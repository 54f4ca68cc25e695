/**
 * Characters as a person counts them: Unicode code points, so 𠀀 (beyond the BMP) or 😀 is
 * one character, not two UTF-16 units and not four bytes (§3.2 "characters, not bytes").
 */
export const countChars = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/**
 * Whether a string holds half of a surrogate pair on its own (invalid UTF-16, e.g. a frame's
 * `"\ud800"`): such text cannot be stored as UTF-8 as sent — MariaDB's JSON parser refuses it and
 * a plain insert turns it into U+FFFD. A loop, not a regular expression with lookbehind, which
 * older WeChat JavaScript engines cannot parse.
 */
export const hasLoneSurrogate = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
};
