import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Empty } from './nut-empty';
import './index.css';

interface EmptyStateProps {
  title: string;
  description?: ReactNode;
  tone?: 'empty' | 'error';
  children?: ReactNode;
}

/** "Nothing here" (or an error) with a drawn mark, a title, a line of help and actions. */
export function EmptyState({ title, description, tone = 'empty', children }: EmptyStateProps) {
  return (
    <View className='empty-state'>
      <Empty status={tone === 'error' ? 'error' : 'empty'} title={title} description={description} />
      {children ? <View className='empty-state__actions'>{children}</View> : null}
    </View>
  );
}
