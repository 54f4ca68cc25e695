import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Loading } from '@nutui/nutui-react-taro';
import { Routes } from '../../routes';
import { resolveScene, sceneFrom, toChosenBranch } from '../../services/org-search';
import { selectIsLoggedIn, useAppStore } from '../../stores';
import './index.css';

/**
 * §4.1 a branch's check-in QR opens /pages/entry/index?scene=…: the branch is chosen before
 * login, and the member sees it (full name and path) on the check-in page.
 */
async function openScene(scene: string): Promise<boolean> {
  try {
    const target = await resolveScene(scene);
    if (target.kind !== 'checkin') return false;
    useAppStore.getState().chooseBranch(toChosenBranch(target));
    await Taro.redirectTo({ url: Routes.memberJoin });
    return true;
  } catch {
    // An unknown or expired code: open the app as usual (the search still works).
    return false;
  }
}

export default function EntryPage() {
  const loggedIn = useAppStore(selectIsLoggedIn);
  const landingUrl = useAppStore((s) => s.landingUrl);

  useEffect(() => {
    const scene = sceneFrom((Taro.getCurrentInstance().router?.params ?? {}) as Record<string, string | undefined>);
    void (async () => {
      if (scene && (await openScene(scene))) return;
      // weapp: a WeChat bound to an account logs in silently (§4.1 decision); H5: no-op.
      if (!loggedIn && !(await useAppStore.getState().tryWechatLogin())) {
        void Taro.redirectTo({ url: Routes.login });
        return;
      }
      void landingUrl().then((url) => Taro.redirectTo({ url }));
    })();
    // Decided once, on open; later logins/logouts navigate from the page that caused them.
  }, []);

  return (
    <View className='entry-page'>
      <Loading type='circular'>正在进入…</Loading>
    </View>
  );
}
