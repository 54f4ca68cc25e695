import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  ErrorMessages,
  Genders,
  IdentityCorrectionStatuses,
  checkIdentityCorrection,
  chinaDateTime,
  isKeyOf,
  type Attachment,
  type Gender,
  type IdDocType,
  type IdentityCorrectionRequest,
} from '@tj/shared';
import { EvidencePhotoField } from '../../../components/evidence-photo-field';
import { ChoiceField, FormError, FormSection, TextField, optionsOf } from '../../../components/form-field';
import { PageStatus } from '../../../components/page-status';
import { StatusTag } from '../../../components/status-tag';
import { useAsync } from '../../../hooks/use-async';
import { useForm } from '../../../hooks/use-form';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { fetchMyCheckin, type MyCheckin } from '../../../services/checkin';
import type { Checked } from '../../../services/form-check';
import { checkCorrectionRequest, fetchMyCorrection, requestMyCorrection, type IdentityCorrectionItem } from '../../../services/identity-corrections';
import '../../member.css';
import './index.css';

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

const FIELDS: ReadonlySet<string> = new Set(['name', 'gender', 'idNumber', 'note', 'photo']);

interface Current {
  name: string;
  gender: string;
  idNumber: string;
  idType: IdDocType;
}

interface CorrectionValues {
  /** undefined: the field still shows the current value. */
  name?: string;
  gender?: string;
  idNumber?: string;
  note: string;
  photo: Attachment | null;
}

/** What the member currently holds: the approved data, and the full ID number only when the member's own draft has it unmasked. */
function currentOf(checkin: MyCheckin | undefined): Current {
  const approved = checkin?.approved;
  const draftId = checkin?.draft.idNumber;
  return {
    name: String(approved?.name ?? ''),
    gender: String(approved?.gender ?? ''),
    idNumber: draftId && !draftId.includes('*') ? draftId : '',
    idType: approved?.idType ?? 'residentId',
  };
}

const shown = (current: Current, v: CorrectionValues) => ({ name: v.name ?? current.name, gender: v.gender ?? current.gender, idNumber: v.idNumber ?? current.idNumber });

/** The request schema and the shared rule the server applies (gender against the ID, something changed), said at once. */
function checkCorrection(current: Current, v: CorrectionValues): Checked<IdentityCorrectionRequest> {
  const wanted = shown(current, v);
  const checked = checkCorrectionRequest({ ...wanted, note: v.note || undefined, photo: v.photo ?? undefined });
  const rule = current.idNumber ? checkIdentityCorrection(current.idType, { ...current, gender: current.gender as Gender }, { ...wanted, gender: wanted.gender as Gender }) : null;
  if (checked.ok && rule?.ok !== false) return checked;
  const ruleErrors = rule && !rule.ok ? { [rule.field === 'name' && rule.code === 'IDENTITY_CORRECTION_UNCHANGED' ? '' : rule.field]: ErrorMessages[rule.code] } : {};
  return { ok: false, errors: { ...(checked.ok ? {} : checked.errors), ...ruleErrors } };
}

/**
 * [004 §一(一)1] 姓名、性别与身份证号码需上报省团委，由省团委进行编辑: the member sends the corrected
 * values with a photo of the ID document; the province's admins decide.
 */
export default function IdentityCorrectionPage() {
  const allowed = useRequireLogin();
  const state = useAsync(allowed ? async () => ({ checkin: await fetchMyCheckin(), latest: await fetchMyCorrection() }) : null, [allowed]);
  const current = currentOf(state.data?.checkin);
  const form = useForm<CorrectionValues, IdentityCorrectionRequest>(
    () => ({ note: '', photo: null }),
    (values) => checkCorrection(current, values),
    {
      shown: FIELDS,
    },
  );
  const [uploading, setUploading] = useState(false);

  if (!allowed) return null;
  const data = state.data;
  const { errors, set } = form;
  const v = { ...shown(current, form.values), note: form.values.note };
  const open = data?.latest?.status === 'pending';
  const submit = () =>
    form.submit(async (body) => {
      await requestMyCorrection(body);
      form.setValues({ note: '', photo: null });
      await state.reload();
    });

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
                  <EvidencePhotoField
                    label='证明材料（身份证件照片）'
                    required
                    value={form.values.photo}
                    onChange={set('photo')}
                    onError={(message) => form.setErrors((e) => ({ ...e, photo: message }))}
                    onUploadingChange={setUploading}
                    error={errors.photo}
                    testId='idfix-photo'
                  />
                </FormSection>
                <FormError message={errors['']} testId='idfix-error' />
                <View className='member-actions'>
                  <Button type='primary' size='large' block loading={form.submitting} disabled={form.submitting || uploading} onClick={submit} data-testid='idfix-submit'>
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
