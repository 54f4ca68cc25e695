import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import './index.css';

/** Soft background + strong text, the same few tones on every admin page. */
const TONES = {
  red: ['#fff1f0', '#d81e06'],
  blue: ['#e6f4ff', '#1677ff'],
  green: ['#edfbe6', '#389e0d'],
  orange: ['#fff4e0', '#d46b08'],
  gray: ['#f2f3f5', '#8c8c8c'],
} as const;
export type Tone = keyof typeof TONES;

export function StatusTag({ tone, children, testId }: { tone: Tone; children: ReactNode; testId?: string }) {
  const [background, color] = TONES[tone];
  return (
    <View className='status-tag' data-testid={testId}>
      <Tag background={background} color={color}>
        {children}
      </Tag>
    </View>
  );
}
