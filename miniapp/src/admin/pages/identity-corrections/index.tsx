import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Empty } from '@nutui/nutui-react-taro';
import { Genders, IdentityCorrectionStatuses, chinaDateTime, isKeyOf } from '@tj/shared';
import { TextField } from '../../../components/form-field';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { PrivateImage } from '../../../components/private-image';
import { StatusTag } from '../../../components/status-tag';
import { useAsync } from '../../../hooks/use-async';
import { toApiError } from '../../../services/api-error';
import { checkCorrectionDecision, decideCorrection, fetchCorrections, type IdentityCorrectionItem } from '../../../services/identity-corrections';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';
import './index.css';

const genderLabel = (g: string) => (isKeyOf(Genders, g) ? Genders[g] : g);
const statusLabel = (s: string) => (isKeyOf(IdentityCorrectionStatuses, s) ? IdentityCorrectionStatuses[s] : s);
const tone = (s: string) => (s === 'pending' ? 'orange' : s === 'approved' ? 'green' : 'gray');

/** One value, with the correction next to it when it changes. */
function Change({ label, from, to, testId }: { label: string; from: string; to: string; testId: string }) {
  return (
    <View data-testid={testId}>
      <Text className='idfix-card__line'>
        {label}：{from}
      </Text>
      {from === to ? null : <Text className='idfix-card__to'>更正为：{to}</Text>}
    </View>
  );
}

/**
 * [004 §一(一)1] 由省团委进行编辑: the province's admins see each request with its evidence photo and
 * decide — 同意 applies it, 不同意 needs a reason. Only reached from the root org's admin home.
 */
export default function IdentityCorrectionsPage() {
  const { allowed, orgId, org } = useOrgPage();
  const list = useAsync(allowed && orgId ? () => fetchCorrections(orgId) : null, [allowed, orgId]);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');

  if (!allowed) return null;
  const decide = async (item: IdentityCorrectionItem, approve: boolean) => {
    const checked = checkCorrectionDecision(approve ? { approve } : { approve, reason });
    if (!checked.ok) return setError(checked.errors.reason ?? checked.errors[''] ?? '');
    try {
      await decideCorrection(orgId, item.id, checked.data);
      setRejecting(null);
      setReason('');
      setError('');
      await list.reload();
    } catch (e) {
      setError(toApiError(e).message);
    }
  };

  const items = list.data ?? [];
  return (
    <View className='admin-page' data-testid='idfix-admin-page'>
      <PageStatus loading={org.loading} error={org.error} onRetry={org.reload} testId='idfix-admin'>
        {org.data ? <OrgHeader org={org.data} subtitle='身份信息更正审批' /> : null}
        <View className='admin-notice'>姓名、性别与身份证号码的更正由省团委审批。请对照证明材料核实后处理，同意后立即生效。</View>
        {error ? (
          <View className='admin-error' data-testid='idfix-admin-error'>
            {error}
          </View>
        ) : null}
        <PageStatus loading={list.loading && !list.data} error={list.error} onRetry={list.reload} testId='idfix-list'>
          {items.length === 0 ? <Empty title='暂无更正申请' /> : null}
          {items.map((r) => (
            <View key={r.id} className='admin-card idfix-card' data-testid={`idfix-req-${r.id}`}>
              <View className='idfix-card__head'>
                <Text className='idfix-card__name'>{r.current.name}</Text>
                <StatusTag tone={tone(r.status)}>{statusLabel(r.status)}</StatusTag>
              </View>
              <Text className='admin-muted idfix-card__line'>
                {r.branchName} · {chinaDateTime(r.requestedAt)}
              </Text>
              <Change label='姓名' from={r.current.name} to={r.requested.name} testId={`idfix-name-${r.id}`} />
              <Change label='性别' from={genderLabel(r.current.gender)} to={genderLabel(r.requested.gender)} testId={`idfix-gender-${r.id}`} />
              <Change label='身份证号码' from={r.current.idNumber} to={r.requested.idNumber} testId={`idfix-id-${r.id}`} />
              {r.note ? <Text className='admin-muted idfix-card__line'>说明：{r.note}</Text> : null}
              {r.decisionReason ? <Text className='admin-muted idfix-card__line'>不同意原因：{r.decisionReason}</Text> : null}
              <View className='idfix-card__photo'>
                <PrivateImage url={r.photoUrl} testId={`idfix-photo-${r.id}`} />
              </View>
              {r.status === 'pending' ? (
                rejecting === r.id ? (
                  <>
                    <TextField label='不同意的原因' required multiline value={reason} onChange={setReason} maxLength={200} testId='idfix-reject-reason' />
                    <View className='admin-actions'>
                      <Button onClick={() => setRejecting(null)}>取消</Button>
                      <Button type='primary' onClick={() => decide(r, false)} data-testid='idfix-reject-send'>
                        确定不同意
                      </Button>
                    </View>
                  </>
                ) : (
                  <View className='admin-actions'>
                    <Button onClick={() => setRejecting(r.id)} data-testid={`idfix-reject-${r.id}`}>
                      不同意
                    </Button>
                    <Button type='primary' onClick={() => decide(r, true)} data-testid={`idfix-approve-${r.id}`}>
                      同意
                    </Button>
                  </View>
                )
              ) : null}
            </View>
          ))}
        </PageStatus>
      </PageStatus>
    </View>
  );
}
