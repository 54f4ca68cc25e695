import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorMessages, Positions, isKeyOf, type CadreOrg } from '@tj/shared';
import { EmptyState } from '../../../components/empty-state';
import { PageStatus } from '../../../components/page-status';
import { StatusTag } from '../../../components/status-tag';
import { useAsync } from '../../../hooks/use-async';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { Routes, withQuery } from '../../../routes';
import { enterAsCadre } from '../../../services/cadre';
import { restartAt } from '../../../services/navigation';
import { orgPathText } from '../../../services/orgs';
import { orderByRecent, useAppStore } from '../../../stores';
import '../../cadre.css';
import './index.css';

/**
 * §6.5 a cadre with positions in several orgs chooses one at each entry and may switch at
 * any time: the orgs, the last used first, and a link to the roster lines waiting for the
 * cadre's confirmation. An org not finished yet (position, or an operator's alias) opens its steps; any other becomes the current org on a fresh page stack,
 * so no page of the previous org stays behind.
 */
export default function CadreOrgsPage() {
  const allowed = useRequireLogin();
  const recent = useAppStore((s) => s.recentOrgIds);
  const currentOrgId = useAppStore((s) => s.currentOrgId);
  const switchCadreOrg = useAppStore((s) => s.switchCadreOrg);
  const orgs = useAsync(allowed ? () => enterAsCadre({}) : null, [allowed]);

  if (!allowed) return null;

  const open = (org: CadreOrg) => {
    if (!org.positionSet || org.needsAlias) {
      void Taro.navigateTo({ url: withQuery(Routes.cadreEntry, { orgId: org.id }) });
      return;
    }
    switchCadreOrg(org.id);
    void restartAt(withQuery(Routes.cadreHome, { orgId: org.id }));
  };

  const refused = orgs.error?.code === 'NOT_IN_ROSTER';
  const items = orderByRecent(orgs.data?.items ?? [], recent);
  // Issue 12: roster lines naming the cadre wait for 确认 / 不是我 on the entry page.
  const pending = orgs.data?.pending.length ?? 0;

  return (
    <View className='cadre-page' data-testid='cadre-orgs'>
      {refused ? (
        <EmptyState tone='error' title='无法进入' description={ErrorMessages.NOT_IN_ROSTER} />
      ) : (
        <PageStatus loading={orgs.loading} error={orgs.error} onRetry={() => void orgs.reload()}>
          {pending > 0 ? (
            <View className='cadre-notice orgs-pending' data-testid='orgs-pending'>
              <Text>有{pending}条团干部入驻信息等待您确认是否为本人。</Text>
              <Text className='cadre-link' onClick={() => void Taro.navigateTo({ url: Routes.cadreEntry })} data-testid='orgs-pending-link'>
                去确认 ›
              </Text>
            </View>
          ) : null}
          {items.length > 0 ? <Text className='orgs-hint'>您在以下组织担任职务，请选择要进入的组织</Text> : null}
          {items.map((org) => (
            <OrgRow key={org.id} org={org} current={org.id === currentOrgId} onOpen={() => open(org)} />
          ))}
        </PageStatus>
      )}
    </View>
  );
}

function OrgRow({ org, current, onOpen }: { org: CadreOrg; current: boolean; onOpen: () => void }) {
  const pending = !org.positionSet || org.needsAlias;
  const position = org.positionSet && isKeyOf(Positions, org.position) ? Positions[org.position] : '';
  return (
    <View className='tj-card orgs-row' onClick={onOpen} data-testid={`orgs-item-${org.id}`}>
      <View className='orgs-row__main'>
        <View className='orgs-row__top'>
          <Text className='orgs-row__name' data-testid={`orgs-name-${org.id}`}>
            {org.alias || org.shortName}
          </Text>
          {current ? <StatusTag tone='green'>当前</StatusTag> : null}
        </View>
        <Text className='cadre-muted orgs-row__path'>{orgPathText(org, true)}</Text>
        <View className='cadre-tags orgs-row__tags'>
          {position ? <StatusTag tone='blue'>{position}</StatusTag> : null}
          {org.isAdmin ? <StatusTag tone='red'>管理员</StatusTag> : org.isOperator ? <StatusTag tone='orange'>运营者</StatusTag> : null}
          {!org.positionSet ? <StatusTag tone='orange'>待设置职务</StatusTag> : org.needsAlias ? <StatusTag tone='orange'>待设置代称</StatusTag> : null}
        </View>
      </View>
      <Button size='small' type='primary' fill={pending ? 'solid' : 'outline'} data-testid={`orgs-open-${org.id}`}>
        {pending ? '去完善' : '进入'}
      </Button>
    </View>
  );
}
