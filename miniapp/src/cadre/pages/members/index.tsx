import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import Taro from '@tarojs/taro';
import { ArchiveStates, CheckinStatuses, isKeyOf, type MemberFilters } from '@tj/shared';
import { Routes, withQuery } from '../../../routes';
import { MemberFilterBar, filterParams } from '../../components/member-filters';
import { StatusTag } from '../../../components/status-tag';
import { ARCHIVE_TONES } from '../../../components/archive-card';
import { searchMembers, type MemberListItem } from '../../../services/cadre';
import { ListFooter } from '../../components/list-footer';
import { OrgSwitch } from '../../components/org-switch';
import { useCurrentOrg } from '../../use-current-org';
import { usePaged } from '../../use-paged';
import { VirtualRows } from '../../components/virtual-rows';
import '../../cadre.css';
import './index.css';

/**
 * §6.6 团员查询 in the current org's subtree: by name, phone or the full ID number; the
 * server masks IDs and phones (§9). Paged 20 at a time as the
 * list scrolls, in a virtual list (a city's subtree has tens of thousands of members).
 */
export default function CadreMembersPage() {
  const { allowed, orgId, org } = useCurrentOrg({ strict: true });
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<MemberFilters>({});
  const [branchName, setBranchName] = useState('');
  const params = filterParams(filters);
  const list = usePaged<MemberListItem>(allowed && orgId ? (cursor) => searchMembers(orgId, q, cursor, params) : null, `${orgId}|${q}|${allowed}|${JSON.stringify(params)}`);

  if (!allowed) return null;

  return (
    <View className='cadre-page cadre-page--fill' data-testid='cadre-members'>
      <OrgSwitch org={org} />
      <View className='members-search'>
        <Input
          className='members-search__input'
          value={text}
          onChange={setText}
          placeholder='姓名 / 完整手机号 / 完整身份证号'
          clearable
          onClear={() => setQ('')}
          onConfirm={() => setQ(text.trim())}
          data-testid='members-q'
        />
        <Button size='small' type='primary' onClick={() => setQ(text.trim())} data-testid='members-search'>
          查询
        </Button>
      </View>
      <MemberFilterBar value={filters} onChange={setFilters} branchName={branchName} statuses={['approved', 'editSubmitted', 'editReturned']} testId='members-filters' />
      <VirtualRows
        id='members-list'
        items={list.items}
        rowHeight={176}
        keyOf={(m) => m.id}
        onEnd={list.loadMore}
        renderRow={(m) => (
          <View className='tj-list-row cadre-row' onClick={() => void Taro.navigateTo({ url: withQuery(Routes.cadreMember, { orgId, checkinId: m.id }) })} data-testid={`member-${m.id}`}>
            <View className='cadre-row__top'>
              <Text className='cadre-row__name'>{m.name}</Text>
              {m.status ? <StatusTag tone={m.status === 'approved' ? 'green' : 'orange'}>{isKeyOf(CheckinStatuses, m.status) ? CheckinStatuses[m.status] : m.status}</StatusTag> : null}
              {m.archiveState !== 'notRequired' ? (
                <StatusTag tone={ARCHIVE_TONES[m.archiveState]} testId={`member-${m.id}-archive`}>
                  {ArchiveStates[m.archiveState]}
                </StatusTag>
              ) : null}
            </View>
            <Text className='cadre-muted' data-testid={`member-${m.id}-id`}>
              身份证 {m.idNumberMasked}　手机 {m.phoneMasked}
            </Text>
            <Text
              className='cadre-muted cadre-link'
              onClick={(e) => {
                // 只看该支部: the branch filter of 001 annex 2
                e.stopPropagation();
                setBranchName(m.branchName);
                setFilters((f) => ({ ...f, branchId: m.branchId }));
              }}
              data-testid={`member-${m.id}-branch`}
            >
              {m.branchName}
            </Text>
          </View>
        )}
        footer={<ListFooter list={list} empty={q ? '没有找到符合条件的团员' : '本组织及下级暂无团员'} testId='members' />}
      />
    </View>
  );
}
