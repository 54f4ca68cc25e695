import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { FormField } from '../form-field';
import { OrgPath } from '../org-path';
import { useOrgPages } from '../../hooks/use-org-pages';
import { searchBranchesWithin, type OrgSearchItem } from '../../services/org-search';
import './index.css';

interface BranchPickerProps {
  /** The org whose subtree's branches are offered. */
  orgId: string;
  label: string;
  required?: boolean;
  value: OrgSearchItem | null;
  onChange: (branch: OrgSearchItem | null) => void;
  /** A branch not offered (the other side of a transfer). */
  excludeId?: string;
  error?: string;
  testId: string;
}

/**
 * A branch of a subtree, found by name (several words, all must match) and paged: a
 * university has hundreds of branches, which a list of all of them cannot offer (issue 13
 * item 6). The chosen one shows its full name and path; rows are `<testId>-<branchId>`.
 */
export function BranchPicker({ orgId, label, required, value, onChange, excludeId, error, testId }: BranchPickerProps) {
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(q.trim()), 300);
    return () => clearTimeout(timer);
  }, [q]);
  const pages = useOrgPages(value ? null : (offset) => searchBranchesWithin(orgId, query, offset), [orgId, query, !!value]);
  const shown = (pages.items ?? []).filter((b) => b.id !== excludeId);

  return (
    <FormField label={label} required={required} error={error} testId={testId}>
      {value ? (
        <View className='branch-picker__chosen' data-testid={`${testId}-chosen`}>
          <OrgPath fullName={value.fullName} shortName={value.shortName} pathNames={value.pathNames} testId={`${testId}-chosen-path`} compact />
          <Text className='branch-picker__change' onClick={() => onChange(null)} data-testid={`${testId}-change`}>
            重新选择
          </Text>
        </View>
      ) : (
        <View className='branch-picker' data-testid={testId}>
          <Input className='branch-picker__input' value={q} onChange={setQ} placeholder='输入团支部名称搜索，如：2024级 1班' clearable maxLength={50} data-testid={`${testId}-q`} />
          {pages.error ? <Text className='branch-picker__note branch-picker__note--error'>{pages.error}</Text> : null}
          {pages.items && shown.length === 0 && !pages.hasMore ? (
            <Text className='branch-picker__note' data-testid={`${testId}-empty`}>
              {query ? '没有找到团支部，请换个名称试试' : '暂无下级团支部'}
            </Text>
          ) : null}
          {shown.map((b) => (
            <View key={b.id} className='branch-picker__item' onClick={() => onChange(b)} data-testid={`${testId}-${b.id}`}>
              <Text className='branch-picker__name'>{b.alias || b.shortName}</Text>
              <Text className='branch-picker__path'>{b.pathNames.slice(-2).join(' › ')}</Text>
            </View>
          ))}
          {pages.loading ? <Text className='branch-picker__note'>加载中…</Text> : null}
          {pages.hasMore && !pages.loading ? (
            <View className='branch-picker__more'>
              <Button size='small' fill='outline' onClick={pages.more} data-testid={`${testId}-more`}>
                加载更多
              </Button>
            </View>
          ) : null}
        </View>
      )}
    </FormField>
  );
}
