import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { CheckinStatuses, Educations, RealNameStatuses, isKeyOf } from '@tj/shared';
import { PageStatus } from '../../../components/page-status';
import { useAsync } from '../../../hooks/use-async';
import { toApiError } from '../../../services/api-error';
import { correctDevNumber, fetchMemberDetail } from '../../../services/cadre';
import { OrgSwitch } from '../../components/org-switch';
import { useCurrentOrg } from '../../use-current-org';
import '../../cadre.css';
import './index.css';

const label = (labels: Readonly<Record<string, string>>, v: string | null) => (v == null ? '未填写' : ((isKeyOf(labels, v) ? labels[v] : undefined) ?? v));

/**
 * §6.6 a member opened from 团员查询: the data in force, ID and phone masked (§9). An admin
 * of the member's branch or of its direct superior corrects the 发展团员编号 here [004 FAQ (3)
 * "管理员（本组织或者直属上级管理员皆可）修改"]; the server decides, the page offers it to admins.
 */
export default function CadreMemberPage() {
  const { allowed, orgId, org, params } = useCurrentOrg({ strict: true });
  const checkinId = params.checkinId ?? '';
  const member = useAsync(allowed && orgId && checkinId ? () => fetchMemberDetail(orgId, checkinId) : null, [allowed, orgId, checkinId]);
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  if (!allowed) return null;
  const m = member.data;

  const save = async () => {
    setBusy(true);
    setError('');
    try {
      const next = await correctDevNumber(orgId, checkinId, value.trim());
      if (m) member.setData({ ...m, developmentNumber: next });
      setEditing(false);
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  const rows: [string, string][] = m
    ? [
        ['身份证号', m.idNumberMasked],
        ['手机号', m.phoneMasked],
        ['所在团支部', m.branchPathNames.join(' / ')],
        ['审核状态', label(CheckinStatuses, m.status || null)],
        ['实名状态', label(RealNameStatuses, m.realNameStatus ?? null)],
        ['入团年月', m.joinedAt ?? '未填写'],
        ['最高学历', label(Educations, m.highestEducation)],
      ]
    : [];

  return (
    <View className='cadre-page' data-testid='cadre-member'>
      <OrgSwitch org={org} />
      <PageStatus loading={member.loading} error={member.error} onRetry={() => void member.reload()} testId='member-detail'>
        {m ? (
          <View className='cadre-card member-detail'>
            <Text className='member-detail__name' data-testid='member-detail-name'>
              {m.name}
            </Text>
            {rows.map(([k, v]) => (
              <View key={k} className='member-detail__row'>
                <Text className='member-detail__label'>{k}</Text>
                <Text className='member-detail__value'>{v}</Text>
              </View>
            ))}
            <View className='member-detail__row'>
              <Text className='member-detail__label'>发展团员编号</Text>
              {editing ? (
                <Input className='member-detail__input' value={value} onChange={setValue} type='number' maxLength={12} data-testid='member-devnumber-input' />
              ) : (
                <Text className='member-detail__value' data-testid='member-devnumber'>
                  {m.developmentNumber ?? '未填写'}
                </Text>
              )}
            </View>
            {error ? (
              <Text className='member-detail__error' data-testid='member-devnumber-error'>
                {error}
              </Text>
            ) : null}
            {org?.isAdmin ? (
              <View className='member-detail__actions'>
                {editing ? (
                  <>
                    <Button size='small' onClick={() => setEditing(false)}>
                      取消
                    </Button>
                    <Button size='small' type='primary' loading={busy} onClick={() => void save()} data-testid='member-devnumber-save'>
                      保存
                    </Button>
                  </>
                ) : (
                  <Button
                    size='small'
                    type='primary'
                    fill='outline'
                    onClick={() => {
                      setValue(m.developmentNumber ?? '');
                      setEditing(true);
                    }}
                    data-testid='member-devnumber-edit'
                  >
                    修改发展团员编号
                  </Button>
                )}
              </View>
            ) : null}
          </View>
        ) : null}
      </PageStatus>
    </View>
  );
}
