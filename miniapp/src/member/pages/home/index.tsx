import { useEffect } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { MembershipStatuses, isActiveMembership, maskIdNumber, type MembershipStatus } from '@tj/shared';
import { InboxEntry } from '../../../components/inbox-entry';
import { OrgPath } from '../../../components/org-path';
import { PageStatus } from '../../../components/page-status';
import { StatusTag } from '../../../components/status-tag';
import { useAsync } from '../../../hooks/use-async';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { Routes, withQuery } from '../../../routes';
import { displayValue, isApproved } from '../../../services/checkin';
import { checkinStatusLabel, realNameLabel, checkinStatusTone, realNameTone } from '../../../labels/checkin';
import { restartAt } from '../../../services/navigation';
import { useAppStore } from '../../../stores';
import '../../member.css';
import './index.css';

/**
 * §4.1 step 6: the member home once the check-in is approved [001 annex 1]: 认证资料 (ID
 * masked), 我的组织 (the branch, its path, the secretary's contact), and what comes later.
 */
export default function MemberHomePage() {
  const allowed = useRequireLogin();
  const loadCheckin = useAppStore((s) => s.loadCheckin);
  const myOrgs = useAppStore((s) => s.myOrgs);
  const loadMyOrgs = useAppStore((s) => s.loadMyOrgs);
  const enterOrg = useAppStore((s) => s.enterOrg);
  const logout = useAppStore((s) => s.logout);
  const state = useAsync(allowed ? loadCheckin : null, [allowed]);
  const checkin = state.data;

  useEffect(() => {
    if (allowed) void loadMyOrgs().catch(() => undefined);
  }, [allowed, loadMyOrgs]);

  useDidShow(() => {
    if (allowed && state.data) void state.reload();
  });

  // §4.1 step 4: until approved, every member page leads to the status page.
  useEffect(() => {
    if (checkin && !isApproved(checkin)) void restartAt(Routes.status);
  }, [checkin]);

  if (!allowed) return null;

  const data = checkin?.approved ?? null;
  // issue 16: a member who left sees only 认证资料 (no organisation, no business, no edits)
  const left = !isActiveMembership((checkin?.membershipStatus ?? 'normal') as MembershipStatus);
  // §6.5: every cadre (not only operators) has a workbench; with several orgs the chooser
  // comes first, the last used on top.
  const cadreOrgs = myOrgs;
  const go = (url: string) => void Taro.navigateTo({ url });

  return (
    <View className='member-page' data-testid='member-home'>
      <PageStatus loading={state.loading && !checkin} error={state.error} onRetry={state.reload} testId='member-home'>
        {checkin && data ? (
          <>
            <View className='member-hero'>
              <Text className='member-hero__title' data-testid='member-home-name'>
                {data.name}
              </Text>
              <View className='home-tags'>
                <StatusTag tone={checkinStatusTone(checkin.status)} testId='member-home-status'>
                  {checkinStatusLabel(checkin.status)}
                </StatusTag>
                <StatusTag tone={realNameTone(checkin.realNameStatus)} testId='member-home-realname'>
                  实名：{realNameLabel(checkin.realNameStatus)}
                </StatusTag>
              </View>
            </View>

            {left ? (
              <View className='member-notice' data-testid='member-home-left'>
                团籍状态：{MembershipStatuses[checkin.membershipStatus as MembershipStatus] ?? checkin.membershipStatus}。您已不再保留团籍，只能查看认证资料。
              </View>
            ) : null}
            {left ? null : <InboxEntry testId='member-home-inbox' />}
            {checkin.status === 'editSubmitted' ? (
              <View className='member-notice member-notice--info' data-testid='member-home-edit-pending'>
                修改的团员信息正在等待团支部审核，审核通过前原资料继续有效。
              </View>
            ) : null}
            {checkin.status === 'editReturned' ? (
              <View className='member-notice' data-testid='member-home-edit-returned'>
                修改资料被退回{checkin.returnReason ? `，退回原因：${checkin.returnReason}` : ''}。原资料继续有效。
              </View>
            ) : null}

            <View className='tj-card' onClick={() => go(Routes.memberProfile)} data-testid='member-home-profile'>
              <View className='home-card-head'>
                <Text className='member-card__title'>认证资料</Text>
                <Text className='member-link'>{left ? '查看 ›' : '查看 / 修改 ›'}</Text>
              </View>
              <View className='home-kv'>
                <Text className='home-kv__k'>证件号码</Text>
                <Text className='home-kv__v' data-testid='member-home-id'>
                  {data.idNumber ? (data.idNumber.includes('*') ? data.idNumber : maskIdNumber(data.idNumber)) : ''}
                </Text>
              </View>
              <View className='home-kv'>
                <Text className='home-kv__k'>入团年月</Text>
                <Text className='home-kv__v'>{data.joinedAt ?? ''}</Text>
              </View>
              <View className='home-kv'>
                <Text className='home-kv__k'>政治面貌</Text>
                <Text className='home-kv__v'>{displayValue('politicalStatus', data.politicalStatus)}</Text>
              </View>
            </View>

            {checkin.branch && !left ? (
              <View className='tj-card' data-testid='member-home-org'>
                <Text className='member-card__title'>我的组织</Text>
                <OrgPath fullName={checkin.branch.fullName} shortName={checkin.branch.shortName} pathNames={checkin.branch.pathNames} testId='member-home-branch' />
                <View className='home-kv home-kv--top'>
                  <Text className='home-kv__k'>团支部书记</Text>
                  <Text className='home-kv__v' data-testid='member-home-secretary'>
                    {checkin.branch.secretaryName ?? '未设置'}
                    {checkin.branch.secretaryPhone ? `  ${checkin.branch.secretaryPhone}` : ''}
                  </Text>
                </View>
              </View>
            ) : null}

            {left ? null : (
              <View className='tj-card'>
                <Text className='member-card__title'>团员业务</Text>
                <View className='home-grid'>
                  <View className='home-grid__item' onClick={() => go(Routes.memberProfile)} data-testid='member-home-entry-profile'>
                    <Text className='home-grid__icon'>证</Text>
                    <Text className='home-grid__name'>认证资料</Text>
                  </View>
                  <View className='home-grid__item' onClick={() => go(Routes.memberTransferProgress)} data-testid='member-home-entry-transfer'>
                    <Text className='home-grid__icon'>转</Text>
                    <Text className='home-grid__name'>组织关系转接</Text>
                  </View>
                  <View className='home-grid__item' onClick={() => go(Routes.memberTwoSystems)} data-testid='member-home-entry-two-systems'>
                    <Text className='home-grid__icon'>籍</Text>
                    <Text className='home-grid__name'>两制</Text>
                  </View>
                  <View className='home-grid__item' onClick={() => go(Routes.memberArchive)} data-testid='member-home-entry-archive'>
                    <Text className='home-grid__icon'>档</Text>
                    <Text className='home-grid__name'>我的团员电子档案</Text>
                  </View>
                  {cadreOrgs.length > 0 ? (
                    <View
                      className='home-grid__item'
                      onClick={() => {
                        const only = cadreOrgs[0];
                        if (cadreOrgs.length > 1 || !only) return go(Routes.cadreOrgs);
                        enterOrg(only.id);
                        go(withQuery(only.isAdmin ? Routes.adminHome : Routes.cadreHome, { orgId: only.id }));
                      }}
                      data-testid='member-home-entry-cadre'
                    >
                      <Text className='home-grid__icon'>干</Text>
                      <Text className='home-grid__name'>团干部工作台</Text>
                    </View>
                  ) : null}
                </View>
              </View>
            )}

            <View className='member-actions'>
              <Button block onClick={() => go(Routes.accountSettings)} data-testid='member-home-settings'>
                账号设置（修改密码）
              </Button>
              <Button
                block
                onClick={() => {
                  logout();
                  void restartAt(Routes.login);
                }}
                data-testid='logout'
              >
                退出登录
              </Button>
            </View>
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
