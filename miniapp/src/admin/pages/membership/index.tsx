import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Empty } from '@nutui/nutui-react-taro';
import { MembershipExitKinds, MembershipRequestStatuses, MembershipStatuses, chinaDateTime, isKeyOf } from '@tj/shared';
import { ChoiceField, FormError, FormSection, TextField, optionsOf } from '../../../components/form-field';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { StatusTag } from '../../../components/status-tag';
import { useAsync } from '../../../hooks/use-async';
import { toApiError } from '../../../services/api-error';
import { searchMembers, type MemberListItem } from '../../../services/cadre';
import { checkDecision, checkExitRequest, decideMembership, fetchFormerMembers, fetchMembershipRequests, requestExit } from '../../../services/membership';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';
import '../graduation/index.css';
import './index.css';

const statusLabel = (s: string) => (isKeyOf(MembershipStatuses, s) ? MembershipStatuses[s] : s);
const requestTone = (s: string) => (s === 'pending' ? 'orange' : s === 'approved' ? 'green' : 'gray');

/** 申请团籍变更: find the member, pick the exit, give the reason; the superior approves. */
function RequestForm({ orgId, onSent }: { orgId: string; onSent: () => void }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<MemberListItem[] | null>(null);
  const [member, setMember] = useState<MemberListItem | null>(null);
  const [kind, setKind] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const search = async () => {
    try {
      setFound((await searchMembers(orgId, q.trim())).items);
    } catch (e) {
      setErrors({ '': toApiError(e).message });
    }
  };
  const send = async () => {
    if (!member) return;
    const checked = checkExitRequest({ kind, reason });
    if (!checked.ok) return setErrors(checked.errors);
    try {
      await requestExit(orgId, member.id, checked.data);
      setMember(null);
      setKind('');
      setReason('');
      setFound(null);
      setErrors({});
      onSent();
    } catch (e) {
      const err = toApiError(e);
      setErrors({ [err.field ?? '']: err.message });
    }
  };
  return (
    <View data-testid='ms-request'>
      <View className='admin-notice'>自愿退团、开除团籍、自行脱团须填写原因，经团支部的上级团组织审批后生效。年满28周岁且未在团内担任职务的团员，系统每日自动办理离团。</View>
      {member ? (
        <>
          <FormSection title={`${member.name} · ${member.branchName}`}>
            <ChoiceField label='团籍变更类型' required value={kind} options={optionsOf(MembershipStatuses, MembershipExitKinds)} onChange={setKind} error={errors.kind} testId='ms-kind' />
            <TextField label='原因' required multiline value={reason} onChange={setReason} maxLength={200} error={errors.reason} placeholder='请写明原因' testId='ms-reason' />
          </FormSection>
          <FormError message={errors['']} testId='ms-request-error' />
          <View className='admin-actions'>
            <Button onClick={() => setMember(null)} data-testid='ms-back'>
              重选团员
            </Button>
            <Button type='primary' onClick={send} data-testid='ms-send'>
              提交审批
            </Button>
          </View>
        </>
      ) : (
        <>
          <FormSection>
            <TextField label='查找团员' value={q} onChange={setQ} placeholder='姓名、手机号或身份证号' testId='ms-search' />
          </FormSection>
          <View className='admin-actions'>
            <Button type='primary' onClick={search} data-testid='ms-search-go'>
              查找
            </Button>
          </View>
          <FormError message={errors['']} testId='ms-search-error' />
          {found && found.length === 0 ? <Empty title='没有找到团员' /> : null}
          {(found ?? []).map((m) => (
            <View key={m.id} className='grad-item' onClick={() => setMember(m)} data-testid={`ms-pick-${m.id}`}>
              <View className='grad-item__body grad-item__body--pad'>
                <Text className='grad-item__name'>{m.name}</Text>
                <Text className='admin-muted grad-line'>
                  {m.branchName} · {m.phoneMasked}
                </Text>
              </View>
              <Text className='grad-item__arrow'>›</Text>
            </View>
          ))}
        </>
      )}
    </View>
  );
}

/** 团籍管理 (issue 16 part 3): approvals for the sub-branches, new requests, former members. */
export default function MembershipPage() {
  const { allowed, orgId, org } = useOrgPage();
  const [tab, setTab] = useState<'requests' | 'apply' | 'former'>('requests');
  const requests = useAsync(allowed && orgId && tab === 'requests' ? () => fetchMembershipRequests(orgId) : null, [allowed, orgId, tab]);
  const former = useAsync(allowed && orgId && tab === 'former' ? () => fetchFormerMembers(orgId) : null, [allowed, orgId, tab]);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [rejectReason, setRejectReason] = useState('');
  const [error, setError] = useState('');

  if (!allowed) return null;
  const detail = org.data;
  const decide = async (id: string, approve: boolean) => {
    const checked = checkDecision(approve ? { approve } : { approve, reason: rejectReason });
    if (!checked.ok) return setError(checked.errors.reason ?? checked.errors[''] ?? '');
    try {
      await decideMembership(orgId, id, checked.data);
      setRejecting(null);
      setRejectReason('');
      setError('');
      void requests.reload();
    } catch (e) {
      setError(toApiError(e).message);
    }
  };

  const tabs = [
    ['requests', '审批'],
    ['apply', '申请变更'],
    ['former', '已离团'],
  ] as const;
  return (
    <View className='admin-page' data-testid='membership-page'>
      <PageStatus loading={org.loading} error={org.error} onRetry={org.reload} testId='membership'>
        {detail ? (
          <>
            <OrgHeader org={detail} subtitle='团籍管理' />
            <View className='grad-tabs'>
              {tabs.map(([key, label]) => (
                <Text key={key} className={`grad-tab${tab === key ? ' grad-tab--on' : ''}`} onClick={() => setTab(key)} data-testid={`ms-tab-${key}`}>
                  {label}
                </Text>
              ))}
            </View>
            {error ? (
              <View className='admin-error' data-testid='ms-error'>
                {error}
              </View>
            ) : null}
            {tab === 'requests' ? (
              <PageStatus loading={requests.loading && !requests.data} error={requests.error} onRetry={requests.reload} testId='ms-requests'>
                {(requests.data?.items ?? []).length === 0 ? <Empty title='暂无团籍变更申请' /> : null}
                {(requests.data?.items ?? []).map((r) => (
                  <View key={r.id} className='admin-card ms-card' data-testid={`ms-req-${r.id}`}>
                    <View className='grad-item__tags'>
                      <Text className='grad-item__name ms-card__name'>{r.memberName}</Text>
                      <StatusTag tone='red'>{statusLabel(r.kind)}</StatusTag>
                      <StatusTag tone={requestTone(r.status)}>{isKeyOf(MembershipRequestStatuses, r.status) ? MembershipRequestStatuses[r.status] : r.status}</StatusTag>
                    </View>
                    <Text className='admin-muted grad-line'>
                      {r.branchName} · {chinaDateTime(r.requestedAt)}
                    </Text>
                    <Text className='ms-card__reason'>原因：{r.reason}</Text>
                    {r.decisionReason ? <Text className='admin-muted grad-line'>不同意原因：{r.decisionReason}</Text> : null}
                    {r.decidable ? (
                      rejecting === r.id ? (
                        <>
                          <TextField label='不同意的原因' required multiline value={rejectReason} onChange={setRejectReason} maxLength={200} testId='ms-reject-reason' />
                          <View className='admin-actions ms-card__actions'>
                            <Button onClick={() => setRejecting(null)}>取消</Button>
                            <Button type='primary' onClick={() => decide(r.id, false)} data-testid='ms-reject-send'>
                              确定不同意
                            </Button>
                          </View>
                        </>
                      ) : (
                        <View className='admin-actions ms-card__actions'>
                          <Button onClick={() => setRejecting(r.id)} data-testid={`ms-reject-${r.id}`}>
                            不同意
                          </Button>
                          <Button type='primary' onClick={() => decide(r.id, true)} data-testid={`ms-approve-${r.id}`}>
                            同意
                          </Button>
                        </View>
                      )
                    ) : null}
                  </View>
                ))}
              </PageStatus>
            ) : null}
            {tab === 'apply' ? <RequestForm orgId={orgId} onSent={() => setTab('requests')} /> : null}
            {tab === 'former' ? (
              <PageStatus loading={former.loading && !former.data} error={former.error} onRetry={former.reload} testId='ms-former'>
                {(former.data?.items ?? []).length === 0 ? <Empty title='暂无已离团团员' /> : null}
                {(former.data?.items ?? []).map((m) => (
                  <View key={m.id} className='grad-item' data-testid={`ms-former-${m.id}`}>
                    <View className='grad-item__body grad-item__body--pad'>
                      <View className='grad-item__tags'>
                        <Text className='grad-item__name ms-card__name'>{m.name}</Text>
                        <StatusTag tone='gray'>{statusLabel(m.membershipStatus)}</StatusTag>
                      </View>
                      <Text className='admin-muted grad-line'>
                        {m.branchName}
                        {m.changedAt ? ` · ${chinaDateTime(m.changedAt)}` : ''}
                      </Text>
                    </View>
                  </View>
                ))}
              </PageStatus>
            ) : null}
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
