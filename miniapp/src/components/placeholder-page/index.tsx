import { Text, View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import './index.css';

interface PlaceholderPageProps {
  title: string;
  description: string;
}

/** A sub-package home that a later issue will fill. */
export function PlaceholderPage({ title, description }: PlaceholderPageProps) {
  return (
    <View className='placeholder-page'>
      <View className='placeholder-card'>
        <Text className='placeholder-title'>{title}</Text>
        <Text className='placeholder-description'>{description}</Text>
        <Tag type='primary' round>
          即将开放
        </Tag>
      </View>
    </View>
  );
}
