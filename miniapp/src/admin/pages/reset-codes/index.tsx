import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { chinaDateTime } from '@tj/shared';
import { FormSection, TextField } from '../../../components/form-field';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { checkIssueResetCode, issueResetCode, type ResetCodeIssued } from '../../../services/account';
import { toApiError } from '../../../services/api-error';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';
import './index.css';

/**
 * §10 密码重置码: for a member or cadre of this org or an org below it who lost the phone of
 * their account. The code (6 digits, 24 h, once; a new one retires the last) is shown here
 * once, for the admin to hand over; the person uses it under 忘记密码 → 使用重置码.
 */
export default function ResetCodesPage() {
  const { allowed, org } = useOrgPage();
  const [phone, setPhone] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<(ResetCodeIssued & { phone: string }) | null>(null);

  if (!allowed) return null;
  const detail = org.data;

  const issue = async () => {
    if (!detail) return;
    const checked = checkIssueResetCode(phone);
    if (!checked.ok) return setError(checked.errors.phone ?? checked.errors[''] ?? '');
    setBusy(true);
    setError('');
    setIssued(null);
    try {
      setIssued({ ...(await issueResetCode(detail.id, checked.data.phone)), phone: checked.data.phone });
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='admin-page' data-testid='reset-codes-page'>
      <PageStatus loading={org.loading} error={org.error} onRetry={org.reload} testId='reset-codes'>
        {detail ? (
          <>
            <OrgHeader org={detail} subtitle='密码重置码' />
            <View className='admin-notice'>
              为本组织及下级组织的团员、团干部生成密码重置码，用于手机号停用、无法接收验证码时重置密码。重置码24小时内有效，仅可使用一次；重新生成后，之前的重置码立即失效。请核实本人身份后再告知。
            </View>
            <FormSection title='生成重置码'>
              <TextField
                label='人员手机号'
                required
                type='number'
                value={phone}
                onChange={(v) => {
                  setPhone(v);
                  setError('');
                }}
                error={error}
                maxLength={11}
                placeholder='该人员账号的手机号'
                testId='reset-phone'
              />
            </FormSection>
            <View className='admin-actions'>
              <Button type='primary' loading={busy} disabled={busy} onClick={issue} data-testid='reset-issue'>
                生成重置码
              </Button>
            </View>
            {issued ? (
              <View className='reset-result' data-testid='reset-result'>
                <Text className='reset-result__who' data-testid='reset-who'>
                  {issued.name ?? '（未填写姓名）'} · {issued.phone}
                </Text>
                <Text className='reset-result__code' data-testid='reset-code-value'>
                  {issued.code}
                </Text>
                <Text className='reset-result__hint' data-testid='reset-expires'>
                  有效期至 {chinaDateTime(issued.expiresAt)}，仅可使用一次。请本人在登录页“忘记密码 → 使用管理员发放的重置码”中使用。
                </Text>
              </View>
            ) : null}
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
