import { ALIAS_FORBIDDEN_CHARS, AliasExamples, OrgTypes, countChars, validateAlias, validateAliasText, type OrgType } from '../src';

describe('countChars counts Unicode code points', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['中山大学', 4],
    ['𠀀𠀁', 2], // CJK Extension B, beyond the BMP: 2 UTF-16 units each
    ['😀', 1],
    ['团😀委', 3],
  ])('%j → %i', (s, n) => expect(countChars(s)).toBe(n));
});

describe('validateAlias — length (16 characters, counted as code points)', () => {
  const branch = (n: number, fill: string) => fill.repeat(n - 3) + '团支部';

  it.each([
    ['16 CJK characters', branch(16, '中'), true],
    ['17 CJK characters', branch(17, '中'), false],
    ['16 with characters beyond the BMP (𠀀 = 2 UTF-16 units)', branch(16, '𠀀'), true],
    ['17 with characters beyond the BMP', branch(17, '𠀀'), false],
    ['16 with emoji', branch(16, '😀'), true],
    ['17 with emoji', branch(17, '😀'), false],
    ['16 ASCII letters and digits', branch(16, 'a'), true],
    ['17 ASCII letters and digits', branch(17, '1'), false],
  ])('%s', (_, alias, ok) => {
    expect(validateAlias(alias, 'branch')).toEqual(ok ? { ok: true } : { ok: false, code: 'ALIAS_TOO_LONG' });
  });

  it('counts characters, not UTF-16 units or bytes: 13 × 𠀀 + 团支部 is 26 units / 48 bytes but 16 characters', () => {
    const alias = '𠀀'.repeat(13) + '团支部';
    expect(alias.length).toBe(29);
    expect(countChars(alias)).toBe(16);
    expect(validateAlias(alias, 'branch')).toEqual({ ok: true });
  });
});

describe('validateAlias — characters', () => {
  it('rejects empty and blank-only', () => {
    expect(validateAlias('', 'branch')).toEqual({ ok: false, code: 'ALIAS_EMPTY' });
    expect(validateAlias('   ', 'branch')).toEqual({ ok: false, code: 'ALIAS_EMPTY' });
    expect(validateAlias('\u3000', 'branch')).toEqual({ ok: false, code: 'ALIAS_EMPTY' });
  });

  it.each([
    ['a leading space', ' 新河浦社区团支部'],
    ['a trailing space', '新河浦社区团支部 '],
    ['an inner space', '新河浦 社区团支部'],
    ['an ideographic space', '新河浦\u3000社区团支部'],
    ['a tab', '新河浦\t社区团支部'],
    ['a newline', '新河浦\n社区团支部'],
    ['a no-break space', '新河浦\u00a0社区团支部'],
    ['a zero-width space', '新河浦\u200b社区团支部'],
  ])('rejects whitespace anywhere: %s', (_, alias) => {
    expect(validateAlias(alias, 'branch')).toEqual({ ok: false, code: 'ALIAS_WHITESPACE' });
  });

  it.each([...ALIAS_FORBIDDEN_CHARS])('rejects the forbidden character %s', (c) => {
    expect(validateAlias(`新河浦${c}社区团支部`, 'branch')).toEqual({ ok: false, code: 'ALIAS_FORBIDDEN_CHAR' });
  });

  it('covers every character the spec lists', () => {
    for (const c of ['\\', '/', ':', '*', '?', '"', '”', "'", '<', '>', '|']) expect(ALIAS_FORBIDDEN_CHARS).toContain(c);
  });

  it('allows other punctuation, digits and letters', () => {
    expect(validateAlias('华工（广州）2015级3班团支部', 'branch')).toEqual({ ok: true });
    expect(validateAlias('ABC集团团委', 'grassrootsCommittee')).toEqual({ ok: true });
  });

  it('validateAliasText checks everything but the shape', () => {
    expect(validateAliasText('随便什么名字')).toEqual({ ok: true });
    expect(validateAliasText('a b')).toEqual({ ok: false, code: 'ALIAS_WHITESPACE' });
  });
});

describe('validateAlias — shape by org type (§3.2, [002 §三])', () => {
  it.each([
    ['leadingOrgan', '团广州市委', true],
    ['leadingOrgan', '团天河区委', true],
    ['leadingOrgan', '广州市团委', false],
    ['leadingOrgan', '团广州市团委', false],
    ['leadingOrgan', '团广州工委', false],
    ['leadingOrgan', '团委', false],
    ['leadingOrgan', '团广州市', false],
    ['grassrootsCommittee', '中山大学团委', true],
    ['grassrootsCommittee', '娃哈哈集团团委', true],
    ['grassrootsCommittee', '团委', false],
    ['grassrootsCommittee', '广东省直机关团工委', false],
    ['grassrootsCommittee', '中山大学团总支', false],
    ['workingCommittee', '广东省直机关团工委', true],
    ['workingCommittee', '南沙街道团工委', true],
    ['workingCommittee', '团工委', false],
    ['workingCommittee', '南沙街道团委', false],
    ['generalBranch', '金宁社区团总支', true],
    ['generalBranch', '团总支', false],
    ['generalBranch', '金宁社区团支部', false],
    ['branch', '新河浦社区团支部', true],
    ['branch', '新闻学专业2017级三班团支部', true],
    ['branch', '初中2015级二班团支部', true],
    ['branch', '团支部', false],
    ['branch', '新河浦社区团委', false],
    ['branch', '新河浦社区支部', false],
  ] as const)('%s: %s → %s', (type, alias, ok) => {
    const r = validateAlias(alias, type);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.code).toMatch(/^ALIAS_SHAPE_/);
  });

  it.each([
    ['leadingOrgan', 'ALIAS_SHAPE_LEADING_ORGAN'],
    ['grassrootsCommittee', 'ALIAS_SHAPE_GRASSROOTS_COMMITTEE'],
    ['workingCommittee', 'ALIAS_SHAPE_WORKING_COMMITTEE'],
    ['generalBranch', 'ALIAS_SHAPE_GENERAL_BRANCH'],
    ['branch', 'ALIAS_SHAPE_BRANCH'],
  ] as const)('%s has its own message', (type, code) => {
    expect(validateAlias('某某单位', type)).toEqual({ ok: false, code });
  });

  it("the document's own 17-character class example is over the limit", () => {
    expect(validateAlias('新闻学专业本科2017级三班团支部', 'branch')).toEqual({ ok: false, code: 'ALIAS_TOO_LONG' });
  });

  it('every example shown on the form is valid for its type', () => {
    for (const type of Object.keys(OrgTypes) as OrgType[]) {
      for (const example of AliasExamples[type]) expect(validateAlias(example, type)).toEqual({ ok: true });
    }
  });
});
