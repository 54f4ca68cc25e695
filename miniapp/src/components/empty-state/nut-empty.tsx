import type { CSSProperties, ReactNode } from 'react';
import { View } from '@tarojs/components';
import './nut-empty.css';

/**
 * Stands in for NutUI's `Empty` (babel.config.js maps `import { Empty } from
 * '@nutui/nutui-react-taro'` here): NutUI's default pictures are loaded from a third-party
 * CDN, which breaks offline and on WeChat's domain allow-list — nothing of ours may leave
 * our origin. Same props and class names as NutUI's, with a mark drawn in CSS by default.
 */
export interface EmptyProps {
  image?: ReactNode;
  imageSize?: number | string;
  title?: ReactNode;
  description?: ReactNode;
  status?: 'empty' | 'error' | 'network';
  size?: 'small' | 'base';
  className?: string;
  style?: CSSProperties;
  children?: ReactNode;
}

export function Empty({ image, imageSize, title, description, status = 'empty', size = 'base', className, style, children }: EmptyProps) {
  const box = imageSize === undefined || imageSize === '' ? undefined : typeof imageSize === 'number' ? `${imageSize}px` : imageSize;
  const tone = status === 'empty' ? 'empty' : 'error';
  return (
    <View className={`nut-empty tj-empty${className ? ` ${className}` : ''}`} style={style}>
      <View className={`tj-empty__image tj-empty__image--${size}`} style={box ? { width: box, height: box } : undefined}>
        {image ?? <View className={`tj-empty__mark tj-empty__mark--${tone}`}>{tone === 'error' ? '!' : ''}</View>}
      </View>
      {typeof title === 'string' ? title ? <View className='nut-empty-title'>{title}</View> : null : title}
      {typeof description === 'string' ? <View className='nut-empty-description'>{description}</View> : description}
      {children}
    </View>
  );
}

// Default export: babel-plugin-import turns `import { Empty } from '@nutui/…'` into a default import.
export default Empty;
