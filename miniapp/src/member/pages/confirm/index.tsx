import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CertSummary } from '../../../components/cert-summary';
import { FormError } from '../../../components/form-field';
import { OrgPath } from '../../../components/org-path';
import { PageStatus } from '../../../components/page-status';
import { useAsync } from '../../../hooks/use-async';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { Routes, withQuery } from '../../../routes';
import { toApiError } from '../../../services/api-error';
import { canEditForm, summarize } from '../../../services/checkin';
import { restartAt } from '../../../services/navigation';
import { useAppStore } from '../../../stores';
import '../../member.css';

/**
 * §4.3 信息确认无误，提交 [003 §四]: every step's data (the full ID number: the owner may see
 * it, §9), each with 修改, then submit — real-name verification starts at once (§4.1).
 */
export default function ConfirmPage() {
  const allowed = useRequireLogin();
  const loadCheckin = useAppStore((s) => s.loadCheckin);
  const submitCheckin = useAppStore((s) => s.submitCheckin);
  const state = useAsync(allowed ? loadCheckin : null, [allowed]);
  const [error, setError] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const checkin = state.data;

  useEffect(() => {
    if (checkin && !canEditForm(checkin)) void Taro.redirectTo({ url: Routes.status });
    else if (checkin && checkin.resumeStep !== 'confirm') {
      void Taro.redirectTo({ url: withQuery(Routes.memberCheckin, { step: checkin.resumeStep }) });
    }
  }, [checkin]);

  if (!allowed) return null;

  const submit = async () => {
    setError('');
    setSubmitting(true);
    try {
      await submitCheckin();
      void restartAt(Routes.status);
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setSubmitting(false);
    }
  };

  const edit = (step: string) => void Taro.redirectTo({ url: withQuery(Routes.memberCheckin, { step }) });

  return (
    <View className='member-page' data-testid='confirm-page'>
      <PageStatus loading={state.loading} error={state.error} onRetry={state.reload} testId='confirm'>
        {checkin ? (
          <>
            <View className='member-notice member-notice--info'>请核对认证资料，确认无误后提交。提交后系统将进行实名校验，并由所在团支部审核。</View>
            {checkin.branch ? (
              <View className='tj-card'>
                <Text className='member-card__title'>报到的团支部</Text>
                <OrgPath fullName={checkin.branch.fullName} shortName={checkin.branch.shortName} pathNames={checkin.branch.pathNames} testId='confirm-branch' />
              </View>
            ) : null}
            <CertSummary
              sections={summarize(checkin.draft, { branchName: checkin.branch?.fullName })}
              testId='confirm-summary'
              action={(step) => (
                <Text className='member-link' onClick={() => edit(step)} data-testid={`confirm-edit-${step}`}>
                  修改
                </Text>
              )}
            />
            <FormError message={error} testId='confirm-error' />
            <View className='member-actions'>
              <Button type='primary' size='large' block loading={submitting} disabled={submitting} onClick={submit} data-testid='confirm-submit'>
                信息确认无误，提交
              </Button>
            </View>
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
