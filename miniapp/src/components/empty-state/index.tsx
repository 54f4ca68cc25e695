import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Empty } from '@nutui/nutui-react-taro';
import './index.css';

interface EmptyStateProps {
  title: string;
  description?: ReactNode;
  tone?: 'empty' | 'error';
  children?: ReactNode;
}

/**
 * NutUI's Empty with a drawn mark instead of its default pictures, which load from a
 * third-party CDN (unreachable on intranets, and not for a League app to depend on).
 */
export function EmptyState({ title, description, tone = 'empty', children }: EmptyStateProps) {
  return (
    <View className='empty-state'>
      <Empty
        imageSize={56}
        image={<View className={`empty-state__mark empty-state__mark--${tone}`}>{tone === 'error' ? '!' : ''}</View>}
        title={title}
        description={description}
      />
      {children ? <View className='empty-state__actions'>{children}</View> : null}
    </View>
  );
}
