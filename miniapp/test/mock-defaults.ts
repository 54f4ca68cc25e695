/**
 * test/setup.ts resets every mock after each test, answers included, so a `mockResolvedValueOnce`
 * one test left unused cannot answer the next test's call. A stub that needs a standing answer
 * (Taro's navigation, the fixtures' extra Taro APIs, a mocked module) is made with withDefault:
 * its answer is put back after the reset.
 */
const reapply: (() => void)[] = [];

export function withDefault<A extends unknown[], R>(impl: (...args: A) => R) {
  const fn = jest.fn(impl);
  reapply.push(() => fn.mockImplementation(impl));
  return fn;
}

export function restoreMockDefaults() {
  for (const put of reapply) put();
}
