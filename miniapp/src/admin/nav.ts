import Taro from '@tarojs/taro';
import { withQuery, type Route } from '../routes';

// WeChat keeps at most 10 pages on the stack; walking a deep org tree must not hit it.
const STACK_LIMIT = 9;

const stackDepth = (): number => (typeof Taro.getCurrentPages === 'function' ? Taro.getCurrentPages().length : 1);

/** Opens an admin page for an org (the org id always travels in the URL). */
export function openPage(route: Route, query: Record<string, string | undefined> = {}) {
  const url = withQuery(route, query);
  return stackDepth() >= STACK_LIMIT ? Taro.redirectTo({ url }) : Taro.navigateTo({ url });
}

/** Back to the previous page, or to `route` when the page was opened directly (H5 link). */
export function goBack(route: Route, query: Record<string, string | undefined> = {}) {
  if (stackDepth() > 1) return Taro.navigateBack();
  return Taro.redirectTo({ url: withQuery(route, query) });
}

// weapp hands query values over still encoded, H5 already decoded.
const decode = (v: string) => {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
};

/** The query of the current page (?orgId=…); read once when the page mounts. */
export function pageParams(): Record<string, string | undefined> {
  const params = Taro.getCurrentInstance().router?.params ?? {};
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'string' ? decode(v) : undefined;
  return out;
}
