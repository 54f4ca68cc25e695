import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ErrorMessages, type CertStep } from '@tj/shared';
import { CertSummary } from '../../../components/cert-summary';
import { PageStatus } from '../../../components/page-status';
import { StatusTag } from '../../../components/status-tag';
import { useAsync } from '../../../hooks/use-async';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { Routes, withQuery } from '../../../routes';
import { editPolicyOf, isApproved, summarize } from '../../../services/checkin';
import { restartAt } from '../../../services/navigation';
import { useAppStore } from '../../../stores';
import '../../member.css';

const POLICY_NOTE: Record<'locked' | 'review' | 'free', string> = {
  locked: ErrorMessages.CHECKIN_IDENTITY_LOCKED,
  review: '修改后需团支部重新审核，审核通过前原资料继续有效。',
  free: '修改后直接生效。',
};

/**
 * 认证资料 [001 annex 1]: the data in force (ID masked until the owner asks), and 修改资料 by
 * step under §4.3's rules — identity locked, 团员信息 reviewed again, the rest saved directly.
 */
export default function ProfilePage() {
  const allowed = useRequireLogin();
  const loadCheckin = useAppStore((s) => s.loadCheckin);
  const state = useAsync(allowed ? loadCheckin : null, [allowed]);
  const [showId, setShowId] = useState(false);
  const checkin = state.data;

  useDidShow(() => {
    if (allowed && state.data) void state.reload();
  });

  useEffect(() => {
    if (checkin && !isApproved(checkin)) void restartAt(Routes.status);
  }, [checkin]);

  if (!allowed) return null;

  const pending = checkin?.status === 'editSubmitted';
  // §9 the owner may see their whole ID: the server sends it in the draft, masked elsewhere.
  const draftId = checkin?.draft.idNumber;
  const fullId = draftId && !draftId.includes('*') ? draftId : null;
  const edit = (step: CertStep) => void Taro.navigateTo({ url: withQuery(Routes.memberCheckin, { mode: 'edit', step }) });
  const changes =
    checkin?.approved && pending
      ? summarize(checkin.draft, { previous: checkin.approved, branchName: checkin.branch?.fullName })
          .map((s) => ({ ...s, rows: s.rows.filter((r) => r.previous !== undefined) }))
          .filter((s) => s.rows.length > 0)
      : [];

  return (
    <View className='member-page' data-testid='profile-page'>
      <PageStatus loading={state.loading && !checkin} error={state.error} onRetry={state.reload} testId='profile'>
        {checkin?.approved ? (
          <>
            {pending ? (
              <View className='member-notice member-notice--info' data-testid='profile-edit-pending'>
                修改资料待审核：以下为当前有效的资料，修改内容审核通过后生效。
              </View>
            ) : null}
            {checkin.status === 'editReturned' && checkin.returnReason ? (
              <View className='member-notice' data-testid='profile-edit-returned'>
                修改资料被退回，退回原因：{checkin.returnReason}
              </View>
            ) : null}
            <CertSummary
              sections={summarize(showId && fullId ? { ...checkin.approved, idNumber: fullId } : checkin.approved, { maskId: !showId, branchName: checkin.branch?.fullName })}
              testId='profile-summary'
              note={(step) => <Text className='member-muted profile-note'>{POLICY_NOTE[editPolicyOf(step)]}</Text>}
              action={(step) => {
                const policy = editPolicyOf(step);
                if (policy === 'locked') {
                  return (
                    <View className='profile-actions'>
                      {fullId ? (
                        <Text className='member-link' onClick={() => setShowId((v) => !v)} data-testid='profile-toggle-id'>
                          {showId ? '隐藏证件号码' : '显示证件号码'}
                        </Text>
                      ) : null}
                      <StatusTag tone='gray'>已锁定</StatusTag>
                      <Text className='member-link' onClick={() => void Taro.navigateTo({ url: Routes.memberIdentityCorrection })} data-testid='profile-identity-correction'>
                        申请更正姓名/性别/身份证号
                      </Text>
                    </View>
                  );
                }
                if (policy === 'review' && pending) return <StatusTag tone='blue'>修改资料待审核</StatusTag>;
                return (
                  <Text className='member-link' onClick={() => edit(step)} data-testid={`profile-edit-${step}`}>
                    修改
                  </Text>
                );
              }}
            />
            {changes.length > 0 ? <CertSummary sections={changes.map((s) => ({ ...s, title: `${s.title}（待审核的修改）` }))} testId='profile-changes' /> : null}
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
