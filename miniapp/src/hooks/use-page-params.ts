import { useState } from 'react';
import Taro from '@tarojs/taro';

// weapp hands query values over still encoded, H5 already decoded.
const decode = (v: string) => {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
};

/** The current page's query (?orgId=&step=…), read once when the page mounts. */
export function usePageParams(): Record<string, string | undefined> {
  const [params] = useState(() => {
    const raw = Taro.getCurrentInstance().router?.params ?? {};
    const out: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(raw)) out[k] = typeof v === 'string' ? decode(v) : undefined;
    return out;
  });
  return params;
}

/** Scrolls the page to the top (a new form step); no-op where the API is missing (tests). */
export function scrollToTop(): void {
  if (typeof Taro.pageScrollTo === 'function') void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
}
