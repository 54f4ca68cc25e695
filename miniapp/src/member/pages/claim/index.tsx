import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ClaimVerifySchema } from '@tj/shared';
import { FormError, FormSection, TextField } from '../../../components/form-field';
import { PageStatus } from '../../../components/page-status';
import { useAsync } from '../../../hooks/use-async';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { scrollToTop } from '../../../hooks/use-page-params';
import { Routes } from '../../../routes';
import { toApiError } from '../../../services/api-error';
import { confirmClaim, declineClaim, fetchMyClaim, requestClaimVerification, type MyClaim } from '../../../services/entered';
import { checkWith, type FieldErrors } from '../../../services/form-check';
import { restartAt } from '../../../services/navigation';
import '../../member.css';

const monthText = (m: string) => (/^\d{4}-\d{2}$/.test(m) ? `${m.slice(0, 4)}年${m.slice(5, 7)}月` : m);

/**
 * 认领团员信息 (issue 16 part 5): a member entered by their org proves their ID with the real-name
 * check; only then is the org's record offered — "您已被录入为 X 的团员，是否确认？ 确认 / 不是我" —
 * and 确认 makes it theirs (no second check-in).
 */
export default function ClaimPage() {
  const allowed = useRequireLogin();
  const state = useAsync(allowed ? fetchMyClaim : null, [allowed]);
  const [claim, setClaim] = useState<MyClaim | null>(null);
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  // H5 keeps the opener's scroll position: start at the top of the explanation
  useEffect(() => {
    scrollToTop();
  }, []);
  if (!allowed) return null;
  const current = claim ?? state.data;

  const run = async (fn: () => Promise<MyClaim>) => {
    setBusy(true);
    setErrors({});
    try {
      setClaim(await fn());
      scrollToTop();
    } catch (e) {
      const err = toApiError(e);
      setErrors({ [err.field ?? '']: err.message });
    } finally {
      setBusy(false);
    }
  };
  const verify = () => {
    const checked = checkWith(ClaimVerifySchema, { name: name.trim(), idNumber: idNumber.trim() });
    if (!checked.ok) return setErrors(checked.errors);
    void run(() => requestClaimVerification(checked.data));
  };

  return (
    <View className='member-page' data-testid='claim-page'>
      <PageStatus loading={state.loading && !current} error={state.error} onRetry={state.reload} testId='claim'>
        {current ? (
          <View data-testid='claim-state' data-state={current.state}>
            {current.state === 'none' || current.state === 'failed' ? (
              <>
                <View className='member-notice member-notice--info'>如果团组织已经为您录入了团员信息，请填写本人真实姓名和身份证号码进行实名验证；验证通过后即可认领，无需重新报到。</View>
                {current.state === 'failed' ? (
                  <View className='member-notice' data-testid='claim-failed'>
                    实名验证未通过，请核对姓名和身份证号码后重新提交。
                  </View>
                ) : null}
                <FormSection>
                  <TextField label='真实姓名' required value={name} onChange={setName} error={errors.name} testId='claim-name' />
                  <TextField label='身份证号码' required value={idNumber} onChange={setIdNumber} maxLength={18} error={errors.idNumber} testId='claim-id' />
                </FormSection>
                <FormError message={errors['']} testId='claim-error' />
                <View className='member-actions'>
                  <Button type='primary' block loading={busy} disabled={busy} onClick={verify} data-testid='claim-verify'>
                    提交实名验证
                  </Button>
                </View>
              </>
            ) : null}
            {current.state === 'verifying' ? (
              <View className='tj-card' data-testid='claim-verifying'>
                <Text className='member-text'>实名验证进行中，通常几分钟内完成。</Text>
                <View className='member-actions'>
                  <Button block loading={busy} onClick={() => void run(fetchMyClaim)} data-testid='claim-refresh'>
                    刷新结果
                  </Button>
                </View>
              </View>
            ) : null}
            {current.state === 'offer' && current.offer ? (
              <View className='tj-card' data-testid='claim-offer'>
                <Text className='member-card__title'>您已被录入为 {current.offer.branchName} 的团员，是否确认？</Text>
                <Text className='member-text'>姓名：{current.offer.name}</Text>
                <Text className='member-text'>入团年月：{monthText(current.offer.joinedAt)}</Text>
                <Text className='member-muted'>{current.offer.branchFullName}</Text>
                <Text className='member-muted'>确认后，这条团员信息由您本人维护；如果这不是您本人，请选择“不是我”。</Text>
                <FormError message={errors['']} testId='claim-error' />
                <View className='member-actions member-actions--row'>
                  <Button size='large' disabled={busy} onClick={() => void run(() => declineClaim(current.offer!.id))} data-testid='claim-decline'>
                    不是我
                  </Button>
                  <Button type='primary' size='large' loading={busy} disabled={busy} onClick={() => void run(() => confirmClaim(current.offer!.id))} data-testid='claim-confirm'>
                    确认
                  </Button>
                </View>
              </View>
            ) : null}
            {current.state === 'noRecord' ? (
              <View className='tj-card' data-testid='claim-none'>
                <Text className='member-text'>没有找到团组织为您录入的团员信息。请按报到流程选择团支部并填写认证资料。</Text>
                <View className='member-actions'>
                  <Button type='primary' block onClick={() => void restartAt(Routes.status)} data-testid='claim-go-checkin'>
                    去报到
                  </Button>
                </View>
              </View>
            ) : null}
            {current.state === 'claimed' ? (
              <View className='tj-card' data-testid='claim-done'>
                <Text className='member-text'>认领成功，您已是本团支部的团员。</Text>
                <View className='member-actions'>
                  <Button type='primary' block onClick={() => void restartAt(Routes.memberHome)} data-testid='claim-go-home'>
                    进入团员首页
                  </Button>
                </View>
              </View>
            ) : null}
          </View>
        ) : null}
      </PageStatus>
    </View>
  );
}
