import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { outcomeNeedsReason, outcomesOf, type BranchMember, type BranchWork, type Campaign, type MemberOutcome } from '@tj/shared';
import { EmptyState } from '../../../components/empty-state';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { campaignTitle, outcomeLabel, StateTag, WindowTag } from '../../../components/two-systems';
import { useAsync } from '../../../hooks/use-async';
import { usePageParams } from '../../../hooks/use-page-params';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { toApiError } from '../../../services/api-error';
import { fetchOrg } from '../../../services/orgs';
import { decideAll, decideMember, fetchBranchWork, fetchCampaigns, submitBranch } from '../../../services/two-systems';
import { useAppStore } from '../../../stores';
import '../../cadre.css';
import './index.css';

/**
 * 两制 at a branch [004 §二 9]: within the window set above, register (or rate) every member —
 * all at once, or one by one with 不予注册 / 不合格 + reason — then submit to the superior.
 */
export default function BranchTwoSystemsPage() {
  const allowed = useRequireLogin();
  const params = usePageParams();
  const stored = useAppStore((s) => s.currentOrgId);
  const orgId = params.orgId || stored || '';
  const org = useAsync(allowed && orgId ? () => fetchOrg(orgId) : null, [allowed, orgId]);
  const campaigns = useAsync(allowed && orgId ? () => fetchCampaigns(orgId) : null, [allowed, orgId]);
  const [picked, setPicked] = useState<string | null>(params.campaignId ?? null);

  if (!allowed) return null;
  const list = campaigns.data ?? [];
  const current = list.find((c) => c.id === picked) ?? list.find((c) => c.windowState === 'open') ?? list[0];

  return (
    <View className='cadre-page' data-testid='ts-branch-page'>
      {org.data ? <OrgHeader org={org.data} subtitle='年度团籍注册 · 团员教育评议' /> : null}
      <PageStatus loading={campaigns.loading && !campaigns.data} error={campaigns.error} onRetry={campaigns.reload} testId='ts-branch-campaigns'>
        {campaigns.data && list.length === 0 ? (
          <View className='cadre-card'>
            <EmptyState title='上级尚未发起' description='校团委、二级团委发起年度团籍注册或教育评议后，在此办理' />
          </View>
        ) : null}
        {list.length > 1 ? (
          <View className='ts-tabs'>
            {list.map((c) => (
              <Text key={c.id} className={`ts-tab${c.id === current?.id ? ' ts-tab--on' : ''}`} onClick={() => setPicked(c.id)} data-testid={`ts-tab-${c.id}`}>
                {campaignTitle(c)}
              </Text>
            ))}
          </View>
        ) : null}
        {current ? <Work key={current.id} orgId={orgId} campaign={current} onChanged={() => void campaigns.reload()} /> : null}
      </PageStatus>
    </View>
  );
}

function Work({ orgId, campaign, onChanged }: { orgId: string; campaign: Campaign; onChanged: () => void }) {
  const work = useAsync(() => fetchBranchWork(orgId, campaign.id), [orgId, campaign.id]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (call: () => Promise<BranchWork>) => {
    setBusy(true);
    setError(null);
    try {
      work.setData(await call());
      onChanged();
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageStatus loading={work.loading && !work.data} error={work.error} onRetry={work.reload} testId='ts-work'>
      {work.data
        ? (() => {
            const w = work.data;
            const editable = (w.state === 'draft' && campaign.windowState === 'open') || w.state === 'returned';
            const undecided = w.members.filter((m) => !m.outcome).length;
            const bulk: MemberOutcome = campaign.kind === 'registration' ? 'registered' : 'qualified';
            return (
              <>
                <View className='cadre-card ts-head'>
                  <View className='ts-head__row'>
                    <Text className='ts-head__title'>{campaignTitle(campaign)}</Text>
                    <StateTag state={w.state} testId='ts-branch-state' />
                  </View>
                  <View className='ts-head__row'>
                    <Text className='cadre-muted'>
                      办理时间：{campaign.startsOn} 至 {campaign.endsOn}
                    </Text>
                    <WindowTag campaign={campaign} />
                  </View>
                  <Text className='cadre-muted'>
                    团员 {w.members.length} 人，已办理 {w.members.length - undecided} 人
                  </Text>
                </View>
                {w.returnReason ? (
                  <View className='cadre-notice' data-testid='ts-return-notice'>
                    上级退回：{w.returnReason}。请修改后重新提交。
                  </View>
                ) : null}
                {!editable && w.state === 'draft' ? <View className='cadre-notice'>{campaign.windowState === 'notStarted' ? '尚未到办理时间' : '办理时间已结束'}</View> : null}
                {error ? (
                  <View className='ts-error-box' data-testid='ts-branch-error'>
                    {error}
                  </View>
                ) : null}
                {editable ? (
                  <View className='ts-bulk'>
                    <Button size='small' disabled={busy || undecided === 0} onClick={() => void run(() => decideAll(orgId, campaign.id, bulk))} data-testid='ts-decide-all'>
                      未办理的全部{outcomeLabel(bulk)}（{undecided}）
                    </Button>
                  </View>
                ) : null}
                <View className='ts-members'>
                  {w.members.length === 0 ? <EmptyState title='本团支部暂无团员' /> : null}
                  {w.members.map((m) => (
                    <MemberRow
                      key={m.memberId}
                      member={m}
                      kind={campaign.kind}
                      editable={editable}
                      busy={busy}
                      onDecide={(o, r) => run(() => decideMember(orgId, campaign.id, m.memberId, o, r))}
                    />
                  ))}
                </View>
                {editable ? (
                  <View className='cadre-actions'>
                    <Button
                      type='primary'
                      block
                      disabled={busy || undecided > 0 || w.members.length === 0}
                      onClick={() => void run(() => submitBranch(orgId, campaign.id))}
                      data-testid='ts-submit'
                    >
                      {undecided > 0 ? `还有 ${undecided} 人未办理` : '提交上级审批'}
                    </Button>
                  </View>
                ) : null}
              </>
            );
          })()
        : null}
    </PageStatus>
  );
}

function MemberRow({
  member,
  kind,
  editable,
  busy,
  onDecide,
}: {
  member: BranchMember;
  kind: Campaign['kind'];
  editable: boolean;
  busy: boolean;
  onDecide: (o: MemberOutcome, reason?: string) => Promise<void>;
}) {
  const [pending, setPending] = useState<MemberOutcome | null>(null);
  const [reason, setReason] = useState('');
  const choose = (o: MemberOutcome) => (outcomeNeedsReason(o) ? setPending(o) : void onDecide(o));
  return (
    <View className='ts-member' data-testid={`ts-member-${member.memberId}`}>
      <View className='ts-member__top'>
        <Text className='ts-member__name'>{member.name}</Text>
        <Text
          className={`ts-member__outcome${!member.outcome ? ' ts-member__outcome--none' : outcomeNeedsReason(member.outcome) ? ' ts-member__outcome--bad' : ''}`}
          data-testid={`ts-member-outcome-${member.memberId}`}
        >
          {member.outcome ? outcomeLabel(member.outcome) : '未办理'}
        </Text>
      </View>
      {member.reason ? <Text className='cadre-muted'>原因：{member.reason}</Text> : null}
      {editable ? (
        <View className='ts-member__choices'>
          {outcomesOf(kind).map((o) => (
            <Button
              key={o}
              size='mini'
              type={member.outcome === o ? 'primary' : 'default'}
              fill={member.outcome === o ? 'solid' : 'outline'}
              disabled={busy}
              onClick={() => choose(o)}
              data-testid={`ts-member-${member.memberId}-${o}`}
            >
              {outcomeLabel(o)}
            </Button>
          ))}
        </View>
      ) : null}
      {pending ? (
        <View className='ts-member__reason'>
          <Input
            className='ts-member__input'
            value={reason}
            onChange={setReason}
            placeholder={`${outcomeLabel(pending)}的原因（必填）`}
            maxLength={100}
            data-testid={`ts-member-reason-${member.memberId}`}
          />
          <Button
            size='small'
            type='primary'
            disabled={busy || !reason.trim()}
            onClick={() => void onDecide(pending, reason).then(() => setPending(null))}
            data-testid={`ts-member-reason-ok-${member.memberId}`}
          >
            确定
          </Button>
        </View>
      ) : null}
    </View>
  );
}
