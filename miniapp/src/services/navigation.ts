import Taro from '@tarojs/taro';
import { Routes } from '../routes';

/** Where a user lands on opening the app: no session → login; otherwise the status page. */
export const landingRoute = (loggedIn: boolean) => (loggedIn ? Routes.status : Routes.login);

/** Replaces the whole page stack, so "back" cannot return to login or a logged-out page. */
export const restartAt = (url: string) => Taro.reLaunch({ url });

/** A `?redirect=` back into the app (login / register from a page that needs a session). */
export const inAppRedirect = (url: string | undefined): string | undefined => (url && url.startsWith('/') && !url.startsWith('//') ? url : undefined);
