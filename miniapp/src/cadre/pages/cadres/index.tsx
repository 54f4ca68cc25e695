import { Text, View } from '@tarojs/components';
import { Positions, isKeyOf } from '@tj/shared';
import { StatusTag } from '../../../components/status-tag';
import { fetchCadres, type CadreListItem } from '../../../services/cadre';
import { ListFooter } from '../../components/list-footer';
import { OrgSwitch } from '../../components/org-switch';
import { useCurrentOrg } from '../../use-current-org';
import { usePaged } from '../../use-paged';
import { VirtualRows } from '../../components/virtual-rows';
import '../../cadre.css';

/** §6.6 团干部查询: the cadres of the current org's subtree, their positions and orgs. */
export default function CadreCadresPage() {
  const { allowed, orgId, org } = useCurrentOrg({ strict: true });
  const list = usePaged<CadreListItem>(allowed && orgId ? (cursor) => fetchCadres(orgId, cursor) : null, `${orgId}|${allowed}`);

  if (!allowed) return null;

  return (
    <View className='cadre-page cadre-page--fill' data-testid='cadre-cadres'>
      <OrgSwitch org={org} />
      <VirtualRows
        id='cadres-list'
        items={list.items}
        rowHeight={176}
        keyOf={(c) => c.id}
        onEnd={list.loadMore}
        renderRow={(c) => (
          <View className='tj-list-row cadre-row' data-testid={`cadre-${c.id}`}>
            <View className='cadre-row__top'>
              <Text className='cadre-row__name'>{c.name}</Text>
              <StatusTag tone='blue'>{isKeyOf(Positions, c.position) ? Positions[c.position] : c.position}</StatusTag>
              {c.isOperator ? <StatusTag tone='orange'>运营者</StatusTag> : null}
              {!c.onboarded ? <StatusTag tone='gray'>未入驻</StatusTag> : null}
            </View>
            <Text className='cadre-muted'>{c.orgName}</Text>
            <Text className='cadre-muted'>手机 {c.phoneMasked}</Text>
          </View>
        )}
        footer={<ListFooter list={list} empty='本组织及下级暂无团干部' testId='cadres' />}
      />
    </View>
  );
}
