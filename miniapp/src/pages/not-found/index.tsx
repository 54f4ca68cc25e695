import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { EmptyState } from '../../components/empty-state';
import { usePageParams } from '../../hooks/use-page-params';
import { Routes } from '../../routes';
import { restartAt } from '../../services/navigation';
import './index.css';

/**
 * Where an unknown address lands (app.ts redirects here from onPageNotFound): what happened
 * and a way home — the entry page, which sends everyone on to where they belong.
 */
export default function NotFoundPage() {
  const { from } = usePageParams();
  return (
    <View className='not-found-page' data-testid='not-found-page'>
      <EmptyState tone='error' title='页面不存在' description={from ? `您访问的地址（${from}）不存在或已失效。` : '您访问的页面不存在或已失效。'} />
      <View className='not-found-page__actions'>
        <Button type='primary' block onClick={() => void restartAt(Routes.entry)} data-testid='not-found-home'>
          返回首页
        </Button>
      </View>
    </View>
  );
}
