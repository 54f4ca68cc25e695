import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { OrgHeader } from '../../../components/org-header';
import { FormError } from '../../../components/form-field';
import { PageStatus } from '../../../components/page-status';
import { useAsync } from '../../../hooks/use-async';
import { scrollToTop } from '../../../hooks/use-page-params';
import type { CertField } from '../../../labels/checkin';
import { toApiError } from '../../../services/api-error';
import { CERT_STEPS, checkStep, formValuesFrom, type CertFormValues } from '../../../services/checkin';
import { enterMember, fetchEnteredMember, updateEnteredMember } from '../../../services/entered';
import type { FieldErrors } from '../../../services/form-check';
import { StepFields } from '../../../member/components/step-fields';
import { Routes } from '../../../routes';
import { goBack } from '../../nav';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';

/**
 * 录入团员 / 修改录入的团员信息 (issue 16 part 5): the whole certification form of a member's check-in
 * on one page, each step checked with the same shared schema (join age, development number …),
 * then sent at once. ?orgId= the 团支部; ?memberId= edits an entered member not yet claimed.
 */
export default function MemberEntryPage() {
  const { allowed, orgId, org, params } = useOrgPage();
  const memberId = params.memberId ?? '';
  const existing = useAsync(allowed && memberId ? () => fetchEnteredMember(orgId, memberId) : null, [allowed, orgId, memberId]);
  const [values, setValues] = useState<CertFormValues | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState('');

  useEffect(() => {
    if (values) return;
    if (memberId && existing.data) setValues(formValuesFrom(existing.data.data, orgId));
    else if (!memberId && allowed) setValues(formValuesFrom(null, orgId));
  }, [values, memberId, existing.data, orgId, allowed]);

  if (!allowed) return null;
  const detail = org.data;

  const set = (field: CertField) => (value: string) => {
    setValues((v) => (v ? { ...v, [field]: value } : v));
    setErrors((e) => ({ ...e, [field]: undefined, '': undefined }));
  };

  const save = async () => {
    if (!values) return;
    let body: Record<string, unknown> = {};
    let found: FieldErrors = {};
    for (const step of CERT_STEPS) {
      const checked = checkStep(step, { ...values, branchId: orgId });
      if (!checked.ok) found = { ...checked.errors, ...found };
      else body = { ...body, ...checked.data };
    }
    if (Object.keys(found).length) {
      setErrors(found);
      scrollToTop();
      return;
    }
    delete body.branchId;
    setSaving(true);
    try {
      const saved = memberId ? await updateEnteredMember(orgId, memberId, body) : await enterMember(orgId, body);
      setDone(memberId ? `已保存 ${saved.name} 的信息` : `已录入团员 ${saved.name}`);
      if (!memberId) setValues(formValuesFrom(null, orgId));
      setErrors({});
      scrollToTop();
    } catch (e) {
      const err = toApiError(e);
      setErrors({ [err.field ?? '']: err.message, ...(err.field ? { '': err.message } : {}) });
    } finally {
      setSaving(false);
    }
  };

  const branchField = <Text>{detail ? detail.alias || detail.shortName : ''}</Text>;

  return (
    <View className='admin-page' data-testid='member-entry-page'>
      <PageStatus loading={org.loading || existing.loading || !values} error={org.error ?? existing.error} onRetry={existing.reload} testId='member-entry'>
        {detail && values ? (
          <>
            <OrgHeader org={detail} subtitle={memberId ? '修改录入的团员信息' : '录入团员'} />
            <View className='admin-notice'>认证资料与团员报到相同；入团时须年满14周岁，2017年1月及以后入团的须填写发展团员编号。录入即为本支部团员，无需审核。</View>
            {done ? (
              <View className='admin-notice' data-testid='member-entry-done'>
                {done}
              </View>
            ) : null}
            <FormError message={errors['']} testId='member-entry-error' />
            {CERT_STEPS.map((step) => (
              <View key={step} data-testid={`member-entry-${step}`}>
                <StepFields step={step} values={values} errors={errors} set={set} branch={branchField} />
              </View>
            ))}
            <View className='admin-actions'>
              <Button onClick={() => goBack(Routes.adminEnteredMembers, { orgId })} data-testid='member-entry-back'>
                返回列表
              </Button>
              <Button type='primary' loading={saving} disabled={saving} onClick={save} data-testid='member-entry-save'>
                {memberId ? '保存' : '录入'}
              </Button>
            </View>
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
