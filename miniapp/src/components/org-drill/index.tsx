import { useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { OrgPath } from '../org-path';
import { useOrgPages } from '../../hooks/use-org-pages';
import { fetchOrgChildren, type OrgSearchItem } from '../../services/org-search';
import './index.css';

interface OrgDrillProps {
  /** The org opened from the search results. */
  start: OrgSearchItem;
  /** Back from `start` to the search results. */
  onExit: () => void;
  /** One sub-org; `open` shows its own sub-orgs in place. */
  renderItem: (item: OrgSearchItem, open: () => void) => ReactNode;
  testId: string;
}

/**
 * A committee found by the search, opened: its sub-orgs a page at a time, each of which
 * opens in turn, down to the branches (issue 13 item 5 — "请选择其下级团支部" needs a way
 * down). The opened org's full name and path stay on top so the member knows where they are.
 */
export function OrgDrill({ start, onExit, renderItem, testId }: OrgDrillProps) {
  const [trail, setTrail] = useState<OrgSearchItem[]>([start]);
  const current = trail[trail.length - 1] ?? start;
  const children = useOrgPages((offset) => fetchOrgChildren(current.id, offset), [current.id]);
  const back = () => (trail.length > 1 ? setTrail(trail.slice(0, -1)) : onExit());

  return (
    <View className='org-drill' data-testid={testId}>
      <View className='org-drill__head'>
        <Text className='org-drill__back' onClick={back} data-testid={`${testId}-back`}>
          ‹ {trail.length > 1 ? '返回上一级' : '返回搜索结果'}
        </Text>
        <OrgPath fullName={current.fullName} shortName={current.shortName} pathNames={current.pathNames} testId={`${testId}-current`} compact />
        <Text className='org-drill__hint'>{current.alias || current.shortName}的下级组织</Text>
      </View>
      {children.error ? <Text className='org-drill__error'>{children.error}</Text> : null}
      {children.items && children.items.length === 0 ? (
        <Text className='org-drill__empty' data-testid={`${testId}-empty`}>
          暂无下级组织
        </Text>
      ) : null}
      <View data-testid={`${testId}-items`}>{(children.items ?? []).map((item) => renderItem(item, () => setTrail([...trail, item])))}</View>
      {children.loading ? <Text className='org-drill__empty'>加载中…</Text> : null}
      {children.hasMore && !children.loading ? (
        <View className='org-drill__more'>
          <Button size='small' fill='outline' onClick={children.more} data-testid={`${testId}-more`}>
            加载更多
          </Button>
        </View>
      ) : null}
    </View>
  );
}
