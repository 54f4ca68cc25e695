import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { loadPrivateImage } from '../../services/files';
import './index.css';

interface PrivateImageProps {
  /** As the API gives it: `/api/uploads/:id`. */
  url: string;
  testId: string;
}

/**
 * A photo only its uploader and the org's operators/admins may see (offline verification,
 * transfer attachments): loaded with the session's token, tap to view it full screen.
 */
export function PrivateImage({ url, testId }: PrivateImageProps) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let release: (() => void) | undefined;
    let live = true;
    setSrc(null);
    setFailed(false);
    loadPrivateImage(url).then(
      (img) => {
        if (live) {
          release = img.release;
          setSrc(img.src);
        } else img.release();
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      release?.();
    };
  }, [url]);

  if (failed) {
    return (
      <View className='private-image private-image--empty' data-testid={`${testId}-failed`}>
        <Text>图片无法查看</Text>
      </View>
    );
  }
  if (!src) return <View className='private-image private-image--empty' data-testid={`${testId}-loading`} />;
  return <Image className='private-image' src={src} mode='aspectFill' onClick={() => void Taro.previewImage({ urls: [src], current: src })} data-testid={testId} />;
}
