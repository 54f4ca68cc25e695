import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { REASON_MAX_CHARS, type Attachment } from '@tj/shared';
import { EvidencePhotoField } from '../../../components/evidence-photo-field';
import { FormError, FormField, FormSection } from '../../../components/form-field';
import { PageStatus } from '../../../components/page-status';
import { useAsync } from '../../../hooks/use-async';
import { Routes, withQuery } from '../../../routes';
import { toApiError } from '../../../services/api-error';
import type { FieldErrors } from '../../../services/form-check';
import { checkOfflineVerify, fetchReviewDetail, verifyOffline } from '../../../services/review';
import { useCurrentOrg } from '../../use-current-org';
import '../../cadre.css';
import './index.css';

/**
 * §4.2 线下核验 [001 annex 1 §3]: after real-name verification failed, the operator checks the
 * person offline. Data right → a note and a photo of the member holding the ID card; the
 * check-in is approved with real-name 线下验证通过. (Data wrong → 退回 on the review page.)
 */
export default function OfflinePage() {
  const { allowed, orgId, params } = useCurrentOrg();
  const checkinId = params.checkinId ?? '';
  const detail = useAsync(allowed && orgId && checkinId ? () => fetchReviewDetail(orgId, checkinId) : null, [allowed, orgId, checkinId]);
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<Attachment | null>(null);
  const [uploading, setUploading] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState(false);

  if (!allowed) return null;

  const submit = async () => {
    const checked = checkOfflineVerify(note, photo);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setSubmitting(true);
    try {
      await verifyOffline(orgId, checkinId, note, photo as Attachment);
      setDone(true);
    } catch (e) {
      const error = toApiError(e);
      setErrors(error.field === 'note' || error.field === 'photo' ? { [error.field]: error.message } : { '': error.message });
    } finally {
      setSubmitting(false);
    }
  };

  const d = detail.data;
  return (
    <View className='cadre-page' data-testid='offline-page'>
      <PageStatus loading={detail.loading} error={detail.error} onRetry={detail.reload} testId='offline'>
        {d ? (
          <>
            <View className='cadre-notice'>
              实名校验未通过时，请线下核验团员身份：资料有误请返回并“退回”；核验无误请填写说明并上传团员手持身份证件的照片，提交后团员即报到成功，实名状态为“线下验证通过”。
            </View>
            <View className='tj-card'>
              <Text className='cadre-card__title'>核验对象</Text>
              <Text className='cadre-text' data-testid='offline-name'>
                {d.name}　{d.data.idNumber ?? d.idNumberMasked}
              </Text>
              <Text className='cadre-muted'>{d.branchName}</Text>
            </View>

            {done ? (
              <>
                <View className='cadre-notice cadre-notice--ok' data-testid='offline-done'>
                  已提交线下核验，{d.name}的报到已审核通过（线下验证通过）。
                </View>
                <View className='cadre-actions'>
                  <Button type='primary' block onClick={() => void Taro.redirectTo({ url: withQuery(Routes.cadreReviews, { orgId }) })} data-testid='offline-back'>
                    返回审核列表
                  </Button>
                </View>
              </>
            ) : (
              <>
                <FormSection title='线下核验'>
                  <FormField label='核验说明' required error={errors.note} testId='offline-note'>
                    <View data-testid='offline-note-input'>
                      <TextArea
                        value={note}
                        onChange={(v) => {
                          setNote(v);
                          setErrors((e) => ({ ...e, note: undefined }));
                        }}
                        placeholder='如：已于团支部当面核对身份证原件，信息无误'
                        maxLength={REASON_MAX_CHARS}
                        showCount
                      />
                    </View>
                  </FormField>
                  <EvidencePhotoField
                    label='照片证明（团员手持身份证件）'
                    required
                    value={photo}
                    onChange={setPhoto}
                    onError={(message) => setErrors((e) => ({ ...e, photo: message, '': undefined }))}
                    onUploadingChange={setUploading}
                    error={errors.photo}
                    testId='offline-photo'
                  />
                </FormSection>
                <FormError message={errors['']} testId='offline-error' />
                <View className='cadre-actions'>
                  <Button type='primary' size='large' block loading={submitting} disabled={submitting || uploading} onClick={submit} data-testid='offline-submit'>
                    核验无误，审核通过
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
