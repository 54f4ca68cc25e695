import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Loading } from '@nutui/nutui-react-taro';
import { Routes } from '../../routes';
import { selectIsLoggedIn, useAppStore } from '../../stores';
import './index.css';

export default function EntryPage() {
  const loggedIn = useAppStore(selectIsLoggedIn);
  const landingUrl = useAppStore((s) => s.landingUrl);

  useEffect(() => {
    if (!loggedIn) {
      void Taro.redirectTo({ url: Routes.login });
      return;
    }
    void landingUrl().then((url) => Taro.redirectTo({ url }));
    // Decided once, on open; later logins/logouts navigate from the page that caused them.
  }, []);

  return (
    <View className='entry-page'>
      <Loading type='circular'>正在进入…</Loading>
    </View>
  );
}
