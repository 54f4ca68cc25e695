import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { OrgDrill } from '../org-drill';
import { OrgPath } from '../org-path';
import { StatusTag } from '../status-tag';
import { toApiError } from '../../services/api-error';
import { searchOrgs, type OrgSearchItem } from '../../services/org-search';
import { orgTypeLabel } from '../../labels/org';
import './index.css';

export interface PickedOrg {
  id: string;
  type: string;
  shortName: string;
  fullName: string;
  pathNames: string[];
}

interface OrgPickerProps {
  value: PickedOrg | null;
  onChange: (org: PickedOrg | null) => void;
  /** Why an org cannot be chosen here (null: it can). */
  refuse?: (org: OrgSearchItem) => string | null;
  placeholder?: string;
  testId: string;
}

/**
 * Finds an org by name / alias and shows each with its full name and the path from the
 * province (§10: the wrong org is the users' recurring pain). `selectable` of the search
 * is about check-in; transfers decide with `refuse`. A committee or general branch opens
 * its sub-orgs ("下级 ›"), down to the branches.
 */
export function OrgPicker({ value, onChange, refuse, placeholder = '输入团组织名称搜索', testId }: OrgPickerProps) {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<OrgSearchItem[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [drill, setDrill] = useState<OrgSearchItem | null>(null);

  const search = async () => {
    if (!q.trim()) return;
    setBusy(true);
    setError('');
    setDrill(null);
    try {
      setItems(await searchOrgs(q.trim()));
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  /** One org: chosen unless refused; a committee or general branch also opens its sub-orgs. */
  const row = (item: OrgSearchItem, open: () => void) => {
    const why = refuse?.(item) ?? null;
    const opens = item.type !== 'branch';
    return (
      <View
        key={item.id}
        className={`org-picker__item${why ? ' org-picker__item--off' : ''}`}
        onClick={why ? (opens ? open : undefined) : () => onChange(item)}
        data-testid={`${testId}-item-${item.id}`}
      >
        <OrgPath fullName={item.fullName} shortName={item.shortName} pathNames={item.pathNames} testId={`${testId}-item-${item.id}-path`} compact note={why ?? undefined} />
        <View className='org-picker__side'>
          <StatusTag tone={why ? 'gray' : 'blue'}>{orgTypeLabel(item.type)}</StatusTag>
          {opens ? (
            <Text
              className='org-picker__open'
              onClick={(e) => {
                e.stopPropagation();
                open();
              }}
              data-testid={`${testId}-item-${item.id}-open`}
            >
              下级 ›
            </Text>
          ) : null}
        </View>
      </View>
    );
  };

  if (value) {
    return (
      <View className='org-picker__chosen' data-testid={`${testId}-chosen`}>
        <OrgPath fullName={value.fullName} shortName={value.shortName} pathNames={value.pathNames} testId={`${testId}-path`} compact />
        <View className='org-picker__row'>
          <StatusTag tone='blue'>{orgTypeLabel(value.type)}</StatusTag>
          <Text className='org-picker__change' onClick={() => onChange(null)} data-testid={`${testId}-change`}>
            重新选择
          </Text>
        </View>
      </View>
    );
  }

  return (
    <View className='org-picker' data-testid={testId}>
      <View className='org-picker__bar'>
        <Input className='org-picker__input' value={q} onChange={setQ} placeholder={placeholder} onConfirm={search} data-testid={`${testId}-q`} />
        <Button size='small' type='primary' loading={busy} onClick={search} data-testid={`${testId}-search`}>
          搜索
        </Button>
      </View>
      {error ? <Text className='org-picker__error'>{error}</Text> : null}
      {items && items.length === 0 ? <Text className='org-picker__empty'>没有找到团组织，请换个名称试试</Text> : null}
      {drill ? <OrgDrill start={drill} onExit={() => setDrill(null)} renderItem={row} testId={`${testId}-drill`} /> : items?.map((item) => row(item, () => setDrill(item)))}
    </View>
  );
}
