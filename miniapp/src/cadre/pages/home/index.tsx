import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Positions, isKeyOf } from '@tj/shared';
import { InboxEntry } from '../../../components/inbox-entry';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { useAsync } from '../../../hooks/use-async';
import { Routes, withQuery, type Route } from '../../../routes';
import { useAppStore } from '../../../stores';
import { orgTypeOf } from '../../../services/orgs';
import { AliasStep } from '../../components/alias-step';
import { OrgSwitch } from '../../components/org-switch';
import { useCurrentOrg } from '../../use-current-org';
import { TransferEntries } from '../../components/transfer-entries';
import { loadConversations, startChat, useChatStore } from '../../chat-store';
import '../../cadre.css';
import './index.css';

/**
 * §6.6 the cadre's home (工作台) in the current org, where the chooser, the entry flow, the
 * status page and login land — an operator of an org without an alias sets it first (§6.4); the counts (待审核 for operators only), the
 * queries every cadre has (团员 / 团干部 / 组织信息), and §6.7's reminder to check in as a
 * member. Every call names the org in its path; the numbers are kept per org in the store.
 */
export default function CadreHomePage() {
  const { allowed, orgId, org } = useCurrentOrg({ strict: true });
  const loadDashboard = useAppStore((s) => s.loadDashboard);
  const loadMyOrgs = useAppStore((s) => s.loadMyOrgs);
  const dash = useAsync(allowed && orgId ? () => loadDashboard(orgId) : null, [allowed, orgId]);
  // The orgs whose alias this page saw set (by this cadre, or by another operator first).
  const [aliasDone, setAliasDone] = useState<string[]>([]);
  // §6.6 团干会话: the socket keeps the unread badge live while the cadre works here
  const chatUnread = useChatStore((s) => s.unreadTotal);

  useDidShow(() => {
    if (dash.data) void loadDashboard(orgId, true).then(dash.setData, () => undefined);
    if (allowed) {
      startChat();
      void loadConversations().catch(() => undefined);
    }
  });

  if (!allowed) return null;

  // §6.4 (issue 13 item 3): an operator entering an org without an alias names it first —
  // every time they land here, not only at first onboarding (e.g. a seeded operator).
  const aliasFirst = org != null && org.id === orgId && org.isOperator && !org.alias && !aliasDone.includes(orgId);
  if (aliasFirst) {
    return (
      <View className='cadre-page' data-testid='cadre-home'>
        <OrgSwitch org={org} />
        <AliasStep
          org={{ id: org.id, type: orgTypeOf(org), shortName: org.shortName }}
          onDone={() => {
            setAliasDone((done) => [...done, orgId]);
            void loadMyOrgs().catch(() => undefined);
            void loadDashboard(orgId, true).then(dash.setData, () => undefined);
          }}
        />
      </View>
    );
  }

  const d = dash.data?.org.id === orgId ? dash.data : undefined;
  const go = (route: Route, query: Record<string, string> = {}) => void Taro.navigateTo({ url: withQuery(route, { orgId, ...query }) });
  const position = d?.position && isKeyOf(Positions, d.position) ? Positions[d.position] : null;

  const counts = d
    ? [
        ...(d.waitingReviews !== null ? [{ key: 'reviews', label: '待审核', value: d.waitingReviews, route: Routes.cadreReviews }] : []),
        { key: 'members', label: '团员', value: d.members, route: Routes.cadreMembers },
        { key: 'cadres', label: '团干部', value: d.cadres, route: Routes.cadreCadres },
        { key: 'subOrgs', label: '下级组织', value: d.subOrgs, route: Routes.cadreOrgInfo },
      ]
    : [];

  const entries = d
    ? [
        ...(d.isOperator ? [{ key: 'reviews', title: '资料审核', desc: '审核团员报到和修改的认证资料', route: Routes.cadreReviews }] : []),
        ...(d.isOperator && d.org.type === 'branch'
          ? [{ key: 'twoSystems', title: '团籍注册 / 教育评议', desc: '在上级规定的时间内为团员办理年度团籍注册和教育评议', route: Routes.cadreTwoSystems }]
          : []),
        {
          key: 'orgLife',
          title: '三会两制一课 · 团日活动',
          desc: d.org.type === 'branch' ? (d.isOperator ? '录入会议、团课和团日活动，查看每月是否达标' : '本支部的会议、团课和团日活动') : '各下级组织开展三会、团课、团日活动的情况',
          route: Routes.cadreOrgLife,
        },
        // 001 annex 2 "组织管理员/组织运营者录入": operators keep the org's roster too
        ...(d.isOperator ? [{ key: 'roster', title: '团干部名册', desc: '录入、修改本组织团干部，发送入驻邀请', route: Routes.adminRoster }] : []),
        { key: 'members', title: '团员查询', desc: '按姓名、完整手机号或完整身份证号查询本组织及下级团员', route: Routes.cadreMembers },
        { key: 'cadres', title: '团干部查询', desc: '本组织及下级组织的团干部和职务', route: Routes.cadreCadres },
        { key: 'org', title: '组织信息', desc: '本组织资料及下级组织', route: Routes.cadreOrgInfo },
      ]
    : [];

  return (
    <View className='cadre-page' data-testid='cadre-home'>
      <OrgSwitch org={org ? { ...org, position: d?.position ?? org.position } : d ? { ...d.org, position: d.position } : null} />
      <PageStatus loading={dash.loading && !d} error={dash.error} onRetry={() => void dash.reload()} testId='dashboard'>
        {d ? (
          <>
            <OrgHeader org={d.org} subtitle={position ? `我的职务：${position}` : undefined} />
            {!d.memberCheckinApproved ? (
              <View className='cadre-notice dashboard-checkin' data-testid='dashboard-checkin-reminder'>
                <Text>团干部也须以团员身份在一个团支部报到。您还没有审核通过的团员报到。</Text>
                <Text className='cadre-link dashboard-checkin__link' onClick={() => void Taro.navigateTo({ url: Routes.status })} data-testid='dashboard-checkin-link'>
                  去报到 ›
                </Text>
              </View>
            ) : null}

            <InboxEntry testId='dashboard-inbox' />
            {(d.sizeWarnings ?? []).map((w) => (
              // 002 §二 / 004: a warning, never a refusal
              <View key={w.code} className='cadre-notice' data-testid={`dashboard-size-warning-${w.code}`}>
                <Text>{w.message}</Text>
              </View>
            ))}
            <View className='tj-card dashboard-counts'>
              {counts.map((c) => (
                <View key={c.key} className='dashboard-count' onClick={() => go(c.route)} data-testid={`dashboard-count-${c.key}`}>
                  <Text className={`dashboard-count__num${c.key === 'reviews' && c.value > 0 ? ' dashboard-count__num--hot' : ''}`} data-testid={`dashboard-count-${c.key}-num`}>
                    {c.value}
                  </Text>
                  <Text className='dashboard-count__label'>{c.label}</Text>
                </View>
              ))}
            </View>

            {d.isOperator ? (
              <TransferEntries orgId={orgId} />
            ) : (
              <View className='cadre-notice' data-testid='dashboard-not-operator'>
                资料审核和组织关系转接由本组织的运营者办理。如需办理，请联系本组织管理员设置。
              </View>
            )}
            <View className='tj-card dashboard-entries'>
              <View className='dashboard-entry' onClick={() => void Taro.navigateTo({ url: Routes.cadreChat })} data-testid='dashboard-entry-chat'>
                <View className='dashboard-entry__main'>
                  <Text className='dashboard-entry__title'>团干会话</Text>
                  <Text className='cadre-muted'>全省团干部通讯录，单聊和本组织团干部群</Text>
                </View>
                {chatUnread > 0 ? (
                  <Text className='tj-badge' data-testid='dashboard-chat-unread'>
                    {chatUnread > 99 ? '99+' : chatUnread}
                  </Text>
                ) : null}
                <Text className='dashboard-entry__arrow'>›</Text>
              </View>
              {entries.map((e) => (
                <View key={e.key} className='dashboard-entry' onClick={() => go(e.route)} data-testid={`dashboard-entry-${e.key}`}>
                  <View className='dashboard-entry__main'>
                    <Text className='dashboard-entry__title'>{e.title}</Text>
                    <Text className='cadre-muted'>{e.desc}</Text>
                  </View>
                  <Text className='dashboard-entry__arrow'>›</Text>
                </View>
              ))}
            </View>
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
