import { useRef, useState, type ChangeEvent } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorMessages, TRANSFER_ATTACHMENTS_MAX, transferAttachmentMaxBytes, validateImageFile, type Attachment } from '@tj/shared';
import { toApiError } from '../../services/api-error';
import { uploadImage, type PickedFile } from '../../services/uploads';
import './index.css';

const isH5 = process.env.TARO_ENV !== 'weapp';

export interface UploadedImage {
  attachment: Attachment;
  preview: string;
}

interface ImageAttachmentsProps {
  value: UploadedImage[];
  onChange: (images: UploadedImage[]) => void;
  /** Shown under the images (a field error wins over the component's own). */
  onError?: (message: string) => void;
  /** A transfer's destination (OutOfProvinceDestination key): its size limit applies [003]. */
  destinationRegion?: string | null;
  /** How many images at most (a transfer's 5 by default; 组织生活 photos 9) and what to say past it. */
  max?: number;
  tooMany?: string;
  testId: string;
}

type Candidate = { picked: PickedFile; mime: string; size: number; preview: string };

/**
 * §7.1 附件: 1–5 images, each ≤ 2 MB [003]. Each file is checked with the shared rule
 * before it is uploaded; picking more than the remaining room uploads none of the extra
 * and says 图片最多上传5张.
 */
export function ImageAttachments({
  value,
  onChange,
  onError,
  destinationRegion = null,
  max = TRANSFER_ATTACHMENTS_MAX,
  tooMany = ErrorMessages.ATTACHMENTS_TOO_MANY,
  testId,
}: ImageAttachmentsProps) {
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const room = max - value.length;

  const add = async (candidates: Candidate[]) => {
    if (candidates.length === 0) return;
    if (candidates.length > room) {
      onError?.(tooMany);
      return;
    }
    for (const c of candidates) {
      const check = validateImageFile({ mime: c.mime, size: c.size }, destinationRegion);
      if (!check.ok) {
        onError?.(ErrorMessages[check.code]);
        return;
      }
    }
    setUploading(true);
    const added: UploadedImage[] = [];
    try {
      for (const c of candidates) {
        const { attachment } = await uploadImage(c.picked, c.mime, c.size, transferAttachmentMaxBytes(destinationRegion));
        added.push({ attachment, preview: c.preview });
      }
      onError?.('');
    } catch (e) {
      onError?.(toApiError(e).message);
    } finally {
      if (added.length) onChange([...value, ...added]);
      setUploading(false);
    }
  };

  const pick = async () => {
    if (room <= 0) {
      onError?.(tooMany);
      return;
    }
    if (isH5) {
      input.current?.click();
      return;
    }
    try {
      const res = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['camera', 'album'] });
      await add(
        res.tempFiles.map((f) => {
          const ext = f.path.split('.').pop()?.toLowerCase();
          const mime = ext === 'png' ? 'image/png' : ext === 'webp' ? 'image/webp' : 'image/jpeg';
          return { picked: { kind: 'weapp', path: f.path, name: 'attachment' }, mime, size: f.size, preview: f.path };
        }),
      );
    } catch {
      // closing the chooser is not an error
    }
  };

  const onFiles = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    event.target.value = '';
    void add(files.map((file) => ({ picked: { kind: 'web', file }, mime: file.type, size: file.size, preview: URL.createObjectURL(file) })));
  };

  return (
    <View className='img-att' data-testid={testId}>
      <View className='img-att__grid'>
        {value.map((img, i) => (
          <View key={img.attachment.fileId} className='img-att__item' data-testid={`${testId}-item`}>
            <Image className='img-att__img' src={img.preview} mode='aspectFill' />
            <View className='img-att__remove' onClick={() => onChange(value.filter((_, j) => j !== i))} data-testid={`${testId}-remove-${i}`}>
              ×
            </View>
          </View>
        ))}
        {room > 0 ? (
          <View className='img-att__add' onClick={uploading ? undefined : pick} data-testid={`${testId}-pick`}>
            <Text className='img-att__plus'>{uploading ? '…' : '+'}</Text>
            <Text className='img-att__count'>
              {value.length}/{max}
            </Text>
          </View>
        ) : null}
      </View>
      {isH5 ? <input ref={input} className='img-att__input' type='file' multiple accept='image/*' onChange={onFiles} data-testid={`${testId}-file`} /> : null}
      {uploading ? (
        <Button size='mini' loading fill='none'>
          上传中
        </Button>
      ) : null}
    </View>
  );
}
