import { useRef, useState, type ChangeEvent } from 'react';
import { Image, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { Attachment } from '@tj/shared';
import { FormField } from '../form-field';
import { toApiError } from '../../services/api-error';
import { chooseImageInWeapp, uploadImage, type PickedFile } from '../../services/uploads';
import './index.css';

const isH5 = process.env.TARO_ENV !== 'weapp';

export interface EvidencePhotoFieldProps {
  label: string;
  required?: boolean;
  /** The form's error for this field (a refused upload is shown here too). */
  error?: string;
  /** The uploaded photo, or null before one is uploaded. */
  value: Attachment | null;
  onChange: (photo: Attachment) => void;
  /** A refused upload's message, or undefined when a new upload starts. */
  onError: (message: string | undefined) => void;
  /** The form waits while a photo is on its way (its submit button is disabled meanwhile). */
  onUploadingChange?: (uploading: boolean) => void;
  /** Test ids: `<testId>` (the field), `-preview`, `-pick`, `-file`. */
  testId: string;
}

/**
 * One photo as evidence (a member holding the ID card, an ID document): picked with the weapp
 * chooser or an H5 file input, uploaded at once through the access-controlled upload path, shown
 * from the local preview. The offline verification and the identity correction both ask for one.
 */
export function EvidencePhotoField({ label, required, error, value, onChange, onError, onUploadingChange, testId }: EvidencePhotoFieldProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState('');
  const [uploading, setUploading] = useState(false);

  const setBusy = (busy: boolean) => {
    setUploading(busy);
    onUploadingChange?.(busy);
  };
  const upload = async (picked: PickedFile, mime: string, size: number, localPreview: string) => {
    onError(undefined);
    setBusy(true);
    try {
      const { attachment } = await uploadImage(picked, mime, size);
      onChange(attachment);
      setPreview(localPreview);
    } catch (e) {
      onError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  const pick = async () => {
    if (isH5) return fileInput.current?.click();
    try {
      const chosen = await chooseImageInWeapp();
      await upload(chosen.picked, chosen.mime, chosen.size, chosen.preview);
    } catch {
      // closing the chooser is not an error
    }
  };
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void upload({ kind: 'web', file }, file.type, file.size, URL.createObjectURL(file));
  };

  return (
    <FormField label={label} required={required} error={error} hint='JPG、PNG或WEBP图片，不超过2MB' testId={testId}>
      <View className='evidence-photo'>
        {value && preview ? <Image className='evidence-photo__img' src={preview} mode='aspectFill' data-testid={`${testId}-preview`} /> : null}
        <Button size='small' type='primary' fill='outline' loading={uploading} disabled={uploading} onClick={pick} data-testid={`${testId}-pick`}>
          {value ? '重新上传' : '上传照片'}
        </Button>
      </View>
      {isH5 ? <input ref={fileInput} className='evidence-photo__input' type='file' accept='image/jpeg,image/png,image/webp' onChange={onFile} data-testid={`${testId}-file`} /> : null}
    </FormField>
  );
}
