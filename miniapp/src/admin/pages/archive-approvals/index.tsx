import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { ErrorMessages, REASON_MAX_CHARS, type ArchiveItem } from '@tj/shared';
import { ArchiveCard } from '../../../components/archive-card';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState } from '../../../components/empty-state';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { toApiError, type ApiError } from '../../../services/api-error';
import { decideArchive, downloadArchive, fetchArchiveApprovals } from '../../../services/archives';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';

/**
 * [004 §二(四)4(3)] 团员电子档案审批: the uploads and change requests waiting for this committee
 * (or one below it); read the 入团志愿书, then 同意 or 不同意 with a reason (fed back to the
 * uploader, who replaces the file).
 */
export default function ArchiveApprovalsPage() {
  const { allowed, orgId, org } = useOrgPage();
  const [items, setItems] = useState<ArchiveItem[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [actionError, setActionError] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<ArchiveItem | null>(null);
  const [reason, setReason] = useState('');

  const load = async () => {
    setLoading(true);
    setError(null);
    try {
      setItems((await fetchArchiveApprovals(orgId, 0, 50)).items);
      setLoaded(true);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    if (allowed && orgId) void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [allowed, orgId]);

  const decide = async (item: ArchiveItem, approve: boolean, why = '') => {
    setBusy(item.checkinId);
    setActionError('');
    try {
      await decideArchive(orgId, item.checkinId, approve ? { action: 'approve' } : { action: 'reject', reason: why });
      setItems((prev) => prev.filter((i) => i.checkinId !== item.checkinId));
    } catch (e) {
      setActionError(`${item.name}：${toApiError(e).message}`);
    } finally {
      setBusy(null);
    }
  };

  if (!allowed) return null;
  const detail = org.data;

  return (
    <View className='admin-page' data-testid='archive-approvals-page'>
      <PageStatus loading={org.loading} error={org.error} onRetry={org.reload} testId='archive-approvals-page'>
        {detail ? (
          <>
            <OrgHeader org={detail} subtitle='下级团员电子档案审批' />
            <View className='admin-notice'>请查看团员基本信息是否准确，《入团志愿书》是否内容真实、程序规范、已加盖公章，不得缺页、错页、模糊不清。</View>
            {actionError ? (
              <View className='admin-error' data-testid='approvals-error'>
                {actionError}
              </View>
            ) : null}
            <View className='admin-section'>
              <PageStatus loading={!loaded && loading} error={loaded ? null : error} onRetry={load} testId='approvals-list'>
                {items.length === 0 ? (
                  <View className='admin-card'>
                    <EmptyState title='暂无待审批的电子档案' />
                  </View>
                ) : (
                  <View className='admin-card' data-testid='approvals-list'>
                    {items.map((item) => (
                      <ArchiveCard key={item.checkinId} item={item} testId={`approval-${item.checkinId}`}>
                        <Button
                          size='small'
                          onClick={() => void downloadArchive(item, item.pendingChange ? 'pending' : 'current').catch((e) => setActionError(toApiError(e).message))}
                          data-testid={`approval-${item.checkinId}-download`}
                        >
                          查看档案
                        </Button>
                        <Button size='small' disabled={busy !== null} onClick={() => setRejecting(item)} data-testid={`approval-${item.checkinId}-reject`}>
                          不同意
                        </Button>
                        <Button
                          size='small'
                          type='primary'
                          loading={busy === item.checkinId}
                          disabled={busy !== null}
                          onClick={() => decide(item, true)}
                          data-testid={`approval-${item.checkinId}-approve`}
                        >
                          同意
                        </Button>
                      </ArchiveCard>
                    ))}
                  </View>
                )}
              </PageStatus>
            </View>
            <ConfirmDialog
              visible={rejecting !== null}
              title='不同意'
              confirmText='确定'
              content={
                <View data-testid='approvals-reject-reason'>
                  <TextArea value={reason} onChange={setReason} placeholder='请写明理由，将反馈给下级团组织' maxLength={REASON_MAX_CHARS} showCount />
                </View>
              }
              onConfirm={async () => {
                if (!reason.trim()) {
                  setActionError(ErrorMessages.ARCHIVE_REJECT_REASON_REQUIRED);
                  return;
                }
                const item = rejecting;
                setRejecting(null);
                if (item) await decide(item, false, reason.trim());
                setReason('');
              }}
              onClose={() => setRejecting(null)}
            />
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
