import { Text, View } from '@tarojs/components';
import { Button, Loading } from '@nutui/nutui-react-taro';
import type { Paged } from '../use-paged';
import './list.css';

/** Under a paged list: loading, the error with 重试, 加载更多, or the end. */
export function ListFooter({ list, empty, testId }: { list: Paged<unknown>; empty: string; testId: string }) {
  return (
    <View className='list-footer' data-testid={`${testId}-footer`}>
      {list.error ? (
        <View className='list-footer__error'>
          <Text className='tj-form-error'>{list.error.message}</Text>
          <Button size='small' fill='outline' type='primary' onClick={list.loadMore}>
            重试
          </Button>
        </View>
      ) : list.loading ? (
        <Loading type='circular'>加载中…</Loading>
      ) : list.items.length === 0 ? (
        <Text className='list-footer__text' data-testid={`${testId}-empty`}>
          {empty}
        </Text>
      ) : list.done ? (
        <Text className='list-footer__text'>没有更多了</Text>
      ) : (
        <Button size='small' fill='outline' onClick={list.loadMore} data-testid={`${testId}-more`}>
          加载更多
        </Button>
      )}
    </View>
  );
}
