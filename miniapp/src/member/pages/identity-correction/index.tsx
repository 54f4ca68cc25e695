import { useRef, useState, type ChangeEvent } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorMessages, Genders, IdentityCorrectionStatuses, checkIdentityCorrection, chinaDateTime, isKeyOf, type Attachment, type Gender } from '@tj/shared';
import { ChoiceField, FormError, FormField, FormSection, TextField, optionsOf } from '../../../components/form-field';
import { PageStatus } from '../../../components/page-status';
import { StatusTag } from '../../../components/status-tag';
import { useAsync } from '../../../hooks/use-async';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { toApiError } from '../../../services/api-error';
import { fetchMyCheckin } from '../../../services/checkin';
import type { FieldErrors } from '../../../services/form-check';
import { checkCorrectionRequest, fetchMyCorrection, requestMyCorrection, type IdentityCorrectionItem } from '../../../services/identity-corrections';
import { chooseImageInWeapp, uploadImage, type PickedFile } from '../../../services/uploads';
import '../../member.css';
import './index.css';

const isH5 = process.env.TARO_ENV !== 'weapp';
const genderLabel = (g: string) => (isKeyOf(Genders, g) ? Genders[g] : g);
const statusLabel = (s: string) => (isKeyOf(IdentityCorrectionStatuses, s) ? IdentityCorrectionStatuses[s] : s);
const tone = (s: string) => (s === 'pending' ? 'orange' : s === 'approved' ? 'green' : 'gray');

function LatestRequest({ item }: { item: IdentityCorrectionItem }) {
  return (
    <View className='tj-card' data-testid='idfix-latest'>
      <View className='profile-actions'>
        <Text className='member-card__title'>最近一次更正申请</Text>
        <StatusTag tone={tone(item.status)}>{statusLabel(item.status)}</StatusTag>
      </View>
      <Text className='idfix-row'>
        {item.requested.name} · {genderLabel(item.requested.gender)} · {item.requested.idNumber}
      </Text>
      <Text className='member-muted idfix-row'>提交时间：{chinaDateTime(item.requestedAt)}</Text>
      {item.decisionReason ? (
        <Text className='member-muted idfix-row' data-testid='idfix-reason'>
          不同意原因：{item.decisionReason}
        </Text>
      ) : null}
    </View>
  );
}

/**
 * [004 §一(一)1] 姓名、性别与身份证号码需上报省团委，由省团委进行编辑: the member sends the corrected
 * values with a photo of the ID document; the province's admins decide.
 */
export default function IdentityCorrectionPage() {
  const allowed = useRequireLogin();
  const state = useAsync(allowed ? async () => ({ checkin: await fetchMyCheckin(), latest: await fetchMyCorrection() }) : null, [allowed]);
  const fileInput = useRef<HTMLInputElement>(null);
  const [values, setValues] = useState<{ name?: string; gender?: string; idNumber?: string; note: string }>({ note: '' });
  const [photo, setPhoto] = useState<Attachment | null>(null);
  const [preview, setPreview] = useState('');
  const [uploading, setUploading] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});

  if (!allowed) return null;
  const data = state.data;
  const approved = data?.checkin.approved;
  const draftId = data?.checkin.draft.idNumber;
  const current = {
    name: String(approved?.name ?? ''),
    gender: String(approved?.gender ?? ''),
    idNumber: draftId && !draftId.includes('*') ? draftId : '',
  };
  const idType = approved?.idType ?? 'residentId';
  const v = { name: values.name ?? current.name, gender: values.gender ?? current.gender, idNumber: values.idNumber ?? current.idNumber, note: values.note };
  const set = (k: keyof typeof v) => (x: string) => {
    setValues((prev) => ({ ...prev, [k]: x }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  };
  const open = data?.latest?.status === 'pending';

  const upload = async (picked: PickedFile, mime: string, size: number, localPreview: string) => {
    setErrors((e) => ({ ...e, photo: undefined }));
    setUploading(true);
    try {
      const { attachment } = await uploadImage(picked, mime, size);
      setPhoto(attachment);
      setPreview(localPreview);
    } catch (e) {
      setErrors((prev) => ({ ...prev, photo: toApiError(e).message }));
    } finally {
      setUploading(false);
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
  const submit = async () => {
    const checked = checkCorrectionRequest({ name: v.name, gender: v.gender, idNumber: v.idNumber, note: v.note || undefined, photo: photo ?? undefined });
    // the shared rule the server applies (gender against the ID, something changed), said at once
    const rule = current.idNumber
      ? checkIdentityCorrection(idType, { ...current, gender: current.gender as Gender }, { name: v.name, gender: v.gender as Gender, idNumber: v.idNumber })
      : null;
    const ruleErrors = rule && !rule.ok ? { [rule.field === 'name' && rule.code === 'IDENTITY_CORRECTION_UNCHANGED' ? '' : rule.field]: ErrorMessages[rule.code] } : {};
    if (!checked.ok || rule?.ok === false) return setErrors({ ...(checked.ok ? {} : checked.errors), ...ruleErrors });
    setSubmitting(true);
    try {
      await requestMyCorrection(checked.data);
      setValues({ note: '' });
      setPhoto(null);
      setPreview('');
      setErrors({});
      await state.reload();
    } catch (e) {
      const err = toApiError(e);
      setErrors({ [err.field ?? '']: err.message });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <View className='member-page' data-testid='idfix-page'>
      <PageStatus loading={state.loading && !data} error={state.error} onRetry={state.reload} testId='idfix'>
        {data ? (
          <>
            <View className='member-notice member-notice--info'>姓名、性别与身份证号码需上报省团委，由省团委审核后更正。请填写正确的信息，并上传身份证件照片作为证明材料。</View>
            {data.latest ? <LatestRequest item={data.latest} /> : null}
            {open ? null : (
              <>
                <FormSection title='更正后的信息'>
                  <TextField label='姓名' required value={v.name} onChange={set('name')} maxLength={30} error={errors.name} testId='idfix-name' />
                  <ChoiceField label='性别' required value={v.gender} options={optionsOf(Genders)} onChange={set('gender')} error={errors.gender} testId='idfix-gender' />
                  <TextField label='身份证号码' required value={v.idNumber} onChange={set('idNumber')} maxLength={20} error={errors.idNumber} testId='idfix-id' />
                  <TextField
                    label='说明'
                    multiline
                    value={v.note}
                    onChange={set('note')}
                    maxLength={200}
                    error={errors.note}
                    placeholder='如：报到时身份证号码录入有误'
                    testId='idfix-note'
                  />
                  <FormField label='证明材料（身份证件照片）' required error={errors.photo} hint='JPG、PNG或WEBP图片，不超过2MB' testId='idfix-photo'>
                    <View className='idfix-photo'>
                      {preview ? <Image className='idfix-photo__img' src={preview} mode='aspectFill' data-testid='idfix-photo-preview' /> : null}
                      <Button size='small' type='primary' fill='outline' loading={uploading} disabled={uploading} onClick={pick} data-testid='idfix-photo-pick'>
                        {photo ? '重新上传' : '上传照片'}
                      </Button>
                    </View>
                    {isH5 ? (
                      <input ref={fileInput} className='idfix-photo__input' type='file' accept='image/jpeg,image/png,image/webp' onChange={onFile} data-testid='idfix-photo-file' />
                    ) : null}
                  </FormField>
                </FormSection>
                <FormError message={errors['']} testId='idfix-error' />
                <View className='member-actions'>
                  <Button type='primary' size='large' block loading={submitting} disabled={submitting || uploading} onClick={submit} data-testid='idfix-submit'>
                    提交省团委审核
                  </Button>
                </View>
              </>
            )}
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
