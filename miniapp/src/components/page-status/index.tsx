import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Button, Loading } from '@nutui/nutui-react-taro';
import type { ApiError } from '../../services/api-error';
import { EmptyState } from '../empty-state';
import './index.css';

interface PageStatusProps {
  loading: boolean;
  error: ApiError | null;
  onRetry?: () => void;
  /** Rendered once loaded without error. */
  children?: ReactNode;
  testId?: string;
}

/** Loading spinner, or the server's message with 重试, or the page. */
export function PageStatus({ loading, error, onRetry, children, testId = 'page' }: PageStatusProps) {
  if (error) {
    return (
      <View className='page-status' data-testid={`${testId}-error`}>
        <EmptyState tone='error' title='加载失败' description={error.message}>
          {onRetry ? (
            <Button size='small' type='primary' fill='outline' onClick={onRetry}>
              重试
            </Button>
          ) : null}
        </EmptyState>
      </View>
    );
  }
  if (loading) {
    return (
      <View className='page-status' data-testid={`${testId}-loading`}>
        <Loading type='circular'>加载中…</Loading>
      </View>
    );
  }
  return <>{children}</>;
}
