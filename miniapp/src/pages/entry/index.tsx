import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Loading } from '@nutui/nutui-react-taro';
import { Routes } from '../../routes';
import { resolveScene } from '../../services/org-search';
import { routeForScene, sceneOfOpen } from '../../services/scene-route';
import { selectIsLoggedIn, useAppStore } from '../../stores';
import './index.css';

/**
 * A scanned QR opens /pages/entry/index?scene=… (in WeChat the scene may come as a launch
 * option instead). Each kind goes to its own flow (services/scene-route): §4.1 a branch's
 * check-in QR chooses the branch before login and opens the join page; §6.2 a cadre QR opens
 * the cadre entry page, which a logged-out visitor reaches again after login / registration.
 */
async function openScene(scene: string, loggedIn: boolean): Promise<boolean> {
  try {
    const route = routeForScene(scene, await resolveScene(scene));
    const store = useAppStore.getState();
    if (route.branch) store.chooseBranch(route.branch);
    // Only a logged-out visitor takes the login detour (weapp: unless the WeChat is bound).
    const session = loggedIn || (route.resumeAfterLogin && (await store.tryWechatLogin()));
    store.setPendingEntry(route.resumeAfterLogin && !session ? route.url : null);
    await Taro.redirectTo({ url: route.url });
    return true;
  } catch {
    // An unknown or expired code: open the app as usual (the search still works).
    return false;
  }
}

export default function EntryPage() {
  // Decided once, on open, from the store as it is then (not subscribed): later logins and
  // logouts navigate from the page that caused them.
  useEffect(() => {
    const { landingUrl } = useAppStore.getState();
    const loggedIn = selectIsLoggedIn(useAppStore.getState());
    const scene = sceneOfOpen(Taro.getCurrentInstance().router?.params ?? {});
    void (async () => {
      if (scene && (await openScene(scene, loggedIn))) return;
      // weapp: a WeChat bound to an account logs in silently (§4.1 decision); H5: no-op.
      if (!loggedIn && !(await useAppStore.getState().tryWechatLogin())) {
        void Taro.redirectTo({ url: Routes.login });
        return;
      }
      void landingUrl().then((url) => Taro.redirectTo({ url }));
    })();
  }, []);

  return (
    <View className='entry-page'>
      <Loading type='circular'>正在进入…</Loading>
    </View>
  );
}
