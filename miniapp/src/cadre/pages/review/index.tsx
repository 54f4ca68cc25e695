import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { REASON_MAX_CHARS, isCheckinPendingReview, isKeyOf, CheckinStatuses } from '@tj/shared';
import { CertSummary } from '../../../components/cert-summary';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { FieldError, FormError } from '../../../components/form-field';
import { PageStatus } from '../../../components/page-status';
import { StatusTag } from '../../../components/status-tag';
import { useAsync } from '../../../hooks/use-async';
import { scrollToTop } from '../../../hooks/use-page-params';
import { Routes, withQuery } from '../../../routes';
import { toApiError } from '../../../services/api-error';
import { summarize } from '../../../services/checkin';
import { checkinStatusLabel, realNameLabel, checkinStatusTone, realNameTone } from '../../../labels/checkin';
import { approvalBlock, approveCheckin, canVerifyOffline, checkReturn, fetchReviewDetail, formatTime, returnCheckin } from '../../../services/review';
import { useCurrentOrg } from '../../use-current-org';
import { PrivateImage } from '../../../components/private-image';
import '../../cadre.css';
import './index.css';

/**
 * One check-in in full (the reviewing operator may see the whole ID, §9); for an edit the
 * values in force are shown struck through beside the new ones. 审核通过 waits for the
 * real-name check (REAL_NAME_IN_PROGRESS); 退回 needs a reason; 线下核验 when it failed.
 */
export default function ReviewPage() {
  const { allowed, orgId, params } = useCurrentOrg();
  const checkinId = params.checkinId ?? '';
  const detail = useAsync(allowed && orgId && checkinId ? () => fetchReviewDetail(orgId, checkinId) : null, [allowed, orgId, checkinId]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');

  if (!allowed) return null;

  const d = detail.data;
  const block = d ? approvalBlock(d) : null;
  const sections = d ? summarize(d.data, { branchName: d.branchName, previous: d.previous }) : [];
  // An edit: what changed first, so the operator need not hunt for it.
  const changes = sections.map((s) => ({ ...s, rows: s.rows.filter((r) => r.previous !== undefined) })).filter((s) => s.rows.length > 0);
  const backToList = () => void Taro.redirectTo({ url: withQuery(Routes.cadreReviews, { orgId }) });

  const approve = async () => {
    setError('');
    setBusy(true);
    try {
      detail.setData(await approveCheckin(orgId, checkinId));
      setDone('已审核通过，团员报到完成。');
      scrollToTop();
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  const doReturn = async () => {
    const checked = checkReturn(reason);
    if (!checked.ok) {
      setReasonError(checked.errors.reason ?? checked.errors[''] ?? '');
      throw new Error('invalid');
    }
    try {
      detail.setData(await returnCheckin(orgId, checkinId, reason));
      setReturning(false);
      setDone('已退回，团员修改后会重新提交。');
      scrollToTop();
    } catch (e) {
      setReasonError(toApiError(e).message);
      throw e;
    }
  };

  return (
    <View className='cadre-page' data-testid='review-page'>
      <PageStatus loading={detail.loading} error={detail.error} onRetry={detail.reload} testId='review'>
        {d ? (
          <>
            <View className='review-hero'>
              <Text className='review-hero__name' data-testid='review-name'>
                {d.name}
              </Text>
              <View className='cadre-tags'>
                <StatusTag tone={d.kind === 'edit' ? 'orange' : 'blue'}>{d.kind === 'edit' ? '修改资料' : '报到'}</StatusTag>
                <StatusTag tone={checkinStatusTone(d.status)} testId='review-status'>
                  {checkinStatusLabel(d.status)}
                </StatusTag>
              </View>
              <Text className='review-hero__sub'>{d.branchName}</Text>
              <Text className='review-hero__sub'>提交于 {formatTime(d.submittedAt)}</Text>
            </View>
            {/* The outcome where the eye is (the page scrolls up to it), not below the whole form. */}
            {done ? (
              <View className='cadre-notice cadre-notice--ok' data-testid='review-done'>
                {done}
              </View>
            ) : null}

            <View className='tj-card'>
              <View className='review-row'>
                <Text className='cadre-card__title review-row__title'>实名校验</Text>
                <StatusTag tone={realNameTone(d.realNameStatus)} testId='review-realname'>
                  {realNameLabel(d.realNameStatus)}
                </StatusTag>
              </View>
              {block ? (
                <Text className='review-block' data-testid='review-approve-block'>
                  {block}
                </Text>
              ) : null}
              {d.offlineNote ? <Text className='cadre-muted'>线下核验说明：{d.offlineNote}</Text> : null}
              {d.offlinePhotoUrl ? (
                <View className='review-photo'>
                  <Text className='cadre-muted'>线下核验照片</Text>
                  <PrivateImage url={d.offlinePhotoUrl} testId='review-offline-photo' />
                </View>
              ) : null}
            </View>

            {d.kind === 'edit' ? (
              <View className='cadre-notice' data-testid='review-edit-note'>
                团员修改了已审核通过的资料：删除线为当前有效的原资料，橙色为修改后的内容。
              </View>
            ) : null}
            {d.returnReason ? (
              <View className='cadre-notice'>
                {d.status === 'returned' || d.status === 'editReturned' ? '退回原因' : '上次退回原因'}：{d.returnReason}
              </View>
            ) : null}

            {changes.length > 0 ? <CertSummary sections={changes.map((c) => ({ ...c, title: `修改内容 · ${c.title}` }))} testId='review-changes' /> : null}
            <CertSummary sections={sections} testId='review-summary' />

            <FormError message={error} testId='review-error' />

            <View className='review-bar'>
              {!done && !(isKeyOf(CheckinStatuses, d.status) && isCheckinPendingReview(d.status)) ? (
                // Already decided (e.g. opened again after 线下核验): nothing left to act on.
                <Button block onClick={backToList} data-testid='review-back'>
                  返回审核列表
                </Button>
              ) : done ? (
                <Button type='primary' block onClick={backToList} data-testid='review-back'>
                  返回审核列表
                </Button>
              ) : (
                <>
                  <Button className='review-bar__btn' disabled={busy} onClick={() => setReturning(true)} data-testid='review-return'>
                    退回
                  </Button>
                  {canVerifyOffline(d) ? (
                    <Button
                      className='review-bar__btn'
                      type='primary'
                      fill='outline'
                      disabled={busy}
                      onClick={() => void Taro.navigateTo({ url: withQuery(Routes.cadreOffline, { orgId, checkinId }) })}
                      data-testid='review-offline'
                    >
                      线下核验
                    </Button>
                  ) : null}
                  <Button className='review-bar__btn' type='primary' loading={busy} disabled={busy || block !== null} onClick={approve} data-testid='review-approve'>
                    审核通过
                  </Button>
                </>
              )}
            </View>
          </>
        ) : null}
      </PageStatus>

      <ConfirmDialog
        visible={returning}
        title='退回报到资料'
        confirmText='退回'
        content={
          <View className='review-return'>
            <View data-testid='review-return-reason'>
              <TextArea
                value={reason}
                onChange={(v) => {
                  setReason(v);
                  setReasonError('');
                }}
                placeholder='请填写退回原因，团员将据此修改资料'
                maxLength={REASON_MAX_CHARS}
                showCount
              />
            </View>
            <FieldError message={reasonError} testId='review-return-error' />
          </View>
        }
        onConfirm={doReturn}
        onClose={() => {
          setReturning(false);
          setReasonError('');
        }}
      />
    </View>
  );
}
