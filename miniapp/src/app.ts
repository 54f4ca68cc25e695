import type { PropsWithChildren } from 'react';
import Taro, { usePageNotFound } from '@tarojs/taro';
import { Routes, withQuery } from './routes';
import './app.css';

// Pages decide where to go themselves (see pages/entry); the app shell only renders them —
// and sends an unknown address to a page that says so, with a way home, instead of a blank
// screen (H5: a mistyped or outdated link; weapp: a page removed in a newer version).
function App({ children }: PropsWithChildren) {
  usePageNotFound((res) => {
    void Taro.redirectTo({ url: withQuery(Routes.notFound, { from: res?.path }) });
  });
  return children;
}

export default App;
