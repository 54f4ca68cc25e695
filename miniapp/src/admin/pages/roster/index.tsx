import { useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CadreNatures, MAX_ADMINS_PER_ORG, Positions, isKeyOf, type OrgType, type RosterItem } from '@tj/shared';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState } from '../../../components/empty-state';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { StatusTag } from '../../../components/status-tag';
import { useAsync } from '../../../hooks/use-async';
import { Routes } from '../../../routes';
import { toApiError } from '../../../services/api-error';
import { orgTypeOf } from '../../../services/orgs';
import { fetchRoster, removeRosterEntry, setRosterAdmin } from '../../../services/roster';
import { inviteAllCadres, inviteCadre, inviteResultText } from '../../../services/invitations';
import { openPage } from '../../nav';
import { useOrgPage } from '../../use-org-page';
import { useAppStore } from '../../../stores';
import '../../admin.css';
import './index.css';

/** §6.1 who each type of org enters into its roster. */
const WHO_IS_ENTERED: Record<OrgType, string> = {
  leadingOrgan: '请录入本级团委的委员和工作人员。',
  grassrootsCommittee: '请录入本级团委的委员和工作人员。',
  workingCommittee: '请录入本级团工委的委员和工作人员。',
  generalBranch: '请录入本级团总支的委员。',
  branch: '团支部只需录入团支部书记。',
};

const positionLabel = (p: string) => (isKeyOf(Positions, p) ? Positions[p] : p);

/** §6.1 团干部名册: enter, change, remove cadres; mark operators; set up to 2 admins (§3.4). */
export default function RosterPage() {
  const { allowed, orgId, org } = useOrgPage();
  const roster = useAsync(allowed && orgId ? () => fetchRoster(orgId) : null, [allowed, orgId]);
  const [removing, setRemoving] = useState<RosterItem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  // 001 annex 2: an operator of this org keeps its roster too; admin rights stay the admins' (§3.4)
  const mine = useAppStore((st) => st.myOrgs.find((o) => o.id === orgId));
  const decidesAdmins = !mine || mine.isAdmin;

  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void roster.reload();
    shown.current = true;
  });

  if (!allowed) return null;
  const detail = org.data;
  const items = roster.data ?? [];
  const admins = items.filter((e) => e.isAdmin).length;

  const replace = (updated: RosterItem) => roster.setData(items.map((e) => (e.id === updated.id ? updated : e)));

  const toggleAdmin = async (entry: RosterItem) => {
    setBusy(entry.id);
    setError('');
    setNotice('');
    try {
      const result = await setRosterAdmin(orgId, entry.id, !entry.isAdmin);
      replace(result.entry);
      if (result.status === 'pendingApproval') setNotice('已提交上级组织审批，审批通过后生效');
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };

  // §6.2 invitation SMS (a link to the cadre entry page) to cadres not onboarded yet.
  const invite = async (entry: RosterItem | null) => {
    setBusy(entry ? `invite-${entry.id}` : 'invite-all');
    setError('');
    setNotice('');
    try {
      setNotice(inviteResultText(entry ? await inviteCadre(orgId, entry.id) : await inviteAllCadres(orgId)));
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    if (!removing) return;
    setError('');
    try {
      await removeRosterEntry(orgId, removing.id);
      roster.setData(items.filter((e) => e.id !== removing.id));
      void Taro.showToast({ title: '已移出名册', icon: 'success' });
    } catch (e) {
      setError(toApiError(e).message);
    }
  };

  return (
    <View className='admin-page' data-testid='roster-page'>
      <PageStatus loading={org.loading} error={org.error} onRetry={org.reload} testId='roster-page'>
        {detail ? (
          <>
            <OrgHeader org={detail} subtitle='团干部名册' />
            <View className='admin-notice'>
              <Text>
                {WHO_IS_ENTERED[orgTypeOf(detail)]}
                已录入的团干部扫描本组织的团干部二维码即可入驻；每个组织最多设置{MAX_ADMINS_PER_ORG}名管理员。
              </Text>
            </View>
            <View className='admin-actions'>
              <Button type='primary' onClick={() => openPage(Routes.adminRosterForm, { orgId })} data-testid='roster-add'>
                录入团干部
              </Button>
              <Button type='primary' fill='outline' onClick={() => openPage(Routes.adminImport, { orgId, kind: 'roster' })} data-testid='roster-import'>
                批量导入
              </Button>
              {items.some((e) => !e.onboarded) ? (
                <Button type='primary' fill='outline' loading={busy === 'invite-all'} disabled={busy !== null} onClick={() => invite(null)} data-testid='roster-invite-all'>
                  全部邀请
                </Button>
              ) : null}
            </View>
            {error ? (
              <View className='admin-error' data-testid='roster-error'>
                {error}
              </View>
            ) : null}
            {notice ? (
              <View className='admin-notice' data-testid='roster-notice'>
                {notice}
              </View>
            ) : null}

            <View className='admin-section'>
              <View className='admin-section__head'>
                <Text className='admin-section__title'>名册{roster.data ? `（${items.length}人，管理员${admins}名）` : ''}</Text>
              </View>
              <PageStatus loading={roster.loading && !roster.data} error={roster.error} onRetry={roster.reload} testId='roster-list'>
                {items.length === 0 ? (
                  <View className='admin-card'>
                    <EmptyState title='名册中还没有团干部' description='请逐个录入或使用 Excel 批量导入' />
                  </View>
                ) : (
                  <View className='admin-card'>
                    {items.map((entry) => (
                      <View key={entry.id} className='tj-list-row roster-item' data-testid={`roster-item-${entry.id}`}>
                        <View className='roster-item__head'>
                          <Text className='roster-item__name'>{entry.name}</Text>
                          <Text className='roster-item__position'>{positionLabel(entry.position)}</Text>
                        </View>
                        <View className='roster-item__tags'>
                          {entry.isAdmin ? (
                            <StatusTag tone='red' testId={`roster-is-admin-${entry.id}`}>
                              管理员
                            </StatusTag>
                          ) : null}
                          {entry.isOperator || entry.isAdmin ? <StatusTag tone='blue'>运营者</StatusTag> : null}
                          {entry.declined ? (
                            <StatusTag tone='red' testId={`roster-declined-${entry.id}`}>
                              对方表示不是本人
                            </StatusTag>
                          ) : (
                            <StatusTag tone={entry.onboarded ? 'green' : 'gray'}>{entry.onboarded ? '已入驻' : '未入驻'}</StatusTag>
                          )}
                          {entry.cadreNature && isKeyOf(CadreNatures, entry.cadreNature) ? <StatusTag tone='gray'>{CadreNatures[entry.cadreNature]}</StatusTag> : null}
                        </View>
                        <Text className='roster-item__meta'>
                          身份证 {entry.idNumberMasked} · 手机 {entry.phoneMasked}
                        </Text>
                        <View className='roster-item__actions'>
                          {decidesAdmins || !entry.isAdmin ? (
                            <Button size='mini' onClick={() => openPage(Routes.adminRosterForm, { orgId, entryId: entry.id })} data-testid={`roster-edit-${entry.id}`}>
                              修改
                            </Button>
                          ) : null}
                          {decidesAdmins ? (
                            <Button
                              size='mini'
                              type={entry.isAdmin ? 'default' : 'primary'}
                              fill='outline'
                              loading={busy === entry.id}
                              disabled={busy !== null}
                              onClick={() => toggleAdmin(entry)}
                              data-testid={`roster-admin-${entry.id}`}
                            >
                              {entry.isAdmin ? '取消管理员' : '设为管理员'}
                            </Button>
                          ) : null}
                          {!entry.onboarded && !entry.declined ? (
                            <Button
                              size='mini'
                              type='primary'
                              fill='outline'
                              loading={busy === `invite-${entry.id}`}
                              disabled={busy !== null}
                              onClick={() => invite(entry)}
                              data-testid={`roster-invite-${entry.id}`}
                            >
                              发送邀请
                            </Button>
                          ) : null}
                          {decidesAdmins || !entry.isAdmin ? (
                            <Button size='mini' type='danger' fill='outline' onClick={() => setRemoving(entry)} data-testid={`roster-remove-${entry.id}`}>
                              移出
                            </Button>
                          ) : null}
                        </View>
                      </View>
                    ))}
                  </View>
                )}
              </PageStatus>
            </View>
            <ConfirmDialog
              visible={removing !== null}
              title='移出团干部名册'
              content={removing ? `确定将“${removing.name}”移出本组织团干部名册吗？` : ''}
              confirmText='移出'
              onConfirm={remove}
              onClose={() => setRemoving(null)}
            />
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
