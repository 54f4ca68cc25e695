import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Checkbox } from '@nutui/nutui-react-taro';
import { ErrorMessages, ORG_LIFE_NOTE_MAX, ORG_LIFE_PHOTOS_MAX, ORG_LIFE_PLACE_MAX, ORG_LIFE_TOPIC_MAX, OrgLifeKinds, orgLifeFormSchema, todayInChina, type OrgLifeDetail } from '@tj/shared';
import { ChoiceField, DateField, FormError, FormField, FormSection, TextField, optionsOf } from '../../../components/form-field';
import { ImageAttachments, type UploadedImage } from '../../../components/image-attachments';
import { PageStatus } from '../../../components/page-status';
import { useAsync } from '../../../hooks/use-async';
import { usePageParams } from '../../../hooks/use-page-params';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { Routes, withQuery } from '../../../routes';
import { toApiError } from '../../../services/api-error';
import { loadPrivateImage } from '../../../services/files';
import { checkWith, type FieldErrors } from '../../../services/form-check';
import { createOrgLifeRecord, fetchOrgLifeRecord, fetchPickableMembers, newRequestId, updateOrgLifeRecord, type PickableMember } from '../../../services/org-life';
import '../../cadre.css';
import './index.css';

interface Values {
  kind: string;
  heldOn: string;
  topic: string;
  place: string;
  note: string;
  attendeeIds: string[];
  photos: UploadedImage[];
}

/**
 * 会议发布 / 团课上传 / 活动发布 [004 §一 7–10] at a branch (?orgId=), or correcting a record
 * (?recordId=): kind, date, topic, place, the members who took part, a note and up to 9
 * photos. The request id is made once per form, so tapping 提交 again after a network error
 * never makes a second record (004: 若因网络卡顿问题重复录入).
 */
export default function OrgLifeFormPage() {
  const allowed = useRequireLogin();
  const params = usePageParams();
  const orgId = params.orgId ?? '';
  const recordId = params.recordId;
  const state = useAsync(allowed && orgId ? async () => ({ members: await fetchPickableMembers(orgId), record: recordId ? await fetchOrgLifeRecord(orgId, recordId) : null }) : null, [
    allowed,
    orgId,
    recordId,
  ]);
  if (!allowed) return null;
  return (
    <View className='cadre-page' data-testid='olf-page'>
      <PageStatus loading={state.loading && !state.data} error={state.error} onRetry={state.reload} testId='olf'>
        {state.data ? <Form orgId={orgId} members={state.data.members} record={state.data.record} /> : null}
      </PageStatus>
    </View>
  );
}

function Form({ orgId, members, record }: { orgId: string; members: PickableMember[]; record: OrgLifeDetail | null }) {
  const [requestId] = useState(newRequestId);
  const [values, setValues] = useState<Values>(() => ({
    kind: record?.kind ?? 'leagueDay',
    heldOn: record?.heldOn ?? todayInChina(),
    topic: record?.topic ?? '',
    place: record?.place ?? '',
    note: record?.note ?? '',
    attendeeIds: record?.attendees.map((a) => a.memberId) ?? [],
    photos: [],
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);

  // a correction starts from the record's photos (loaded with the session's token for the preview)
  useEffect(() => {
    if (!record?.photos.length) return;
    let live = true;
    void Promise.all(
      record.photos.map(async (p) => {
        const img = await loadPrivateImage(p.url).catch(() => ({ src: '', release: () => undefined }));
        return { attachment: { fileId: p.fileId, mime: p.mime, size: p.size }, preview: img.src };
      }),
    ).then((photos) => live && setValues((v) => ({ ...v, photos })));
    return () => {
      live = false;
    };
  }, [record]);

  const set =
    <K extends keyof Values>(k: K) =>
    (value: Values[K]) => {
      setValues((v) => ({ ...v, [k]: value }));
      setErrors((e) => ({ ...e, [k]: undefined, '': undefined }));
    };
  // people a record lists who have since left the branch stay pickable while correcting it
  const pickable = [...members, ...(record?.attendees.filter((a) => !members.some((m) => m.memberId === a.memberId)) ?? [])];
  const chosen = new Set(values.attendeeIds);
  const toggle = (id: string, on: boolean) => set('attendeeIds')(on ? [...values.attendeeIds, id] : values.attendeeIds.filter((x) => x !== id));

  const submit = async () => {
    const body = {
      kind: values.kind,
      heldOn: values.heldOn,
      topic: values.topic,
      place: values.place,
      note: values.note,
      attendeeIds: values.attendeeIds,
      photos: values.photos.map((p) => p.attachment),
    };
    const checked = checkWith(orgLifeFormSchema(), body);
    if (!checked.ok) return setErrors(checked.errors);
    setSubmitting(true);
    setErrors({});
    try {
      const saved = record ? await updateOrgLifeRecord(orgId, record.id, checked.data) : await createOrgLifeRecord(orgId, { ...checked.data, requestId });
      void Taro.redirectTo({ url: withQuery(Routes.cadreOrgLifeRecord, { orgId, recordId: saved.id }) });
    } catch (e) {
      const err = toApiError(e);
      setErrors({ [err.field?.split('.')[0] ?? '']: err.message });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      <FormSection title={record ? '修改记录' : '录入三会、团课或团日活动'}>
        <ChoiceField label='类型' required value={values.kind} options={optionsOf(OrgLifeKinds)} onChange={set('kind')} error={errors.kind} testId='olf-kind' />
        <DateField label='日期' required value={values.heldOn} onChange={set('heldOn')} error={errors.heldOn} testId='olf-date' />
        <TextField
          label='主题'
          required
          value={values.topic}
          onChange={set('topic')}
          maxLength={ORG_LIFE_TOPIC_MAX}
          placeholder='如：学习团章、主题团日'
          error={errors.topic}
          testId='olf-topic'
        />
        <TextField label='地点' required value={values.place} onChange={set('place')} maxLength={ORG_LIFE_PLACE_MAX} error={errors.place} testId='olf-place' />
      </FormSection>
      <FormSection title={`参加人员（已选 ${chosen.size} / ${pickable.length} 人）`} testId='olf-attendees'>
        <FormField label='从本支部团员中选择' required error={errors.attendeeIds} testId='olf-attendees-field'>
          <View className='olf-picker-actions'>
            <Button size='mini' fill='outline' onClick={() => set('attendeeIds')(pickable.map((m) => m.memberId))} data-testid='olf-all'>
              全选
            </Button>
            <Button size='mini' fill='outline' onClick={() => set('attendeeIds')([])} data-testid='olf-none'>
              清空
            </Button>
          </View>
          {pickable.length === 0 ? <Text className='cadre-muted'>本支部暂无报到审核通过的团员</Text> : null}
          <View className='olf-members'>
            {pickable.map((m) => (
              <View key={m.memberId} className='olf-member' data-testid={`olf-member-${m.memberId}`}>
                <Checkbox checked={chosen.has(m.memberId)} onChange={(on) => toggle(m.memberId, on)} label={m.name} data-testid={`olf-check-${m.memberId}`} />
              </View>
            ))}
          </View>
        </FormField>
      </FormSection>
      <FormSection title='内容与照片'>
        <TextField label='备注' multiline value={values.note} onChange={set('note')} maxLength={ORG_LIFE_NOTE_MAX} placeholder='会议或活动的主要内容' error={errors.note} testId='olf-note' />
        <FormField label={`照片（最多${ORG_LIFE_PHOTOS_MAX}张）`} error={errors.photos} hint='JPG、PNG或WEBP图片，每张不超过2MB' testId='olf-photos-field'>
          <ImageAttachments
            value={values.photos}
            onChange={set('photos')}
            onError={(m) => setErrors((e) => ({ ...e, photos: m || undefined }))}
            max={ORG_LIFE_PHOTOS_MAX}
            tooMany={ErrorMessages.ORG_LIFE_PHOTOS_TOO_MANY}
            testId='olf-photos'
          />
        </FormField>
      </FormSection>
      <FormError message={errors['']} testId='olf-error' />
      <View className='cadre-actions'>
        <Button type='primary' block loading={submitting} disabled={submitting} onClick={() => void submit()} data-testid='olf-submit'>
          {record ? '保存修改' : '提交'}
        </Button>
      </View>
    </>
  );
}
