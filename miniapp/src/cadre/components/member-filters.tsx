import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Picker } from '@nutui/nutui-react-taro';
import { CheckinStatuses, Educations, RealNameStatuses, isKeyOf, type MemberFilters } from '@tj/shared';
import './member-filters.css';

type Key = 'status' | 'realName' | 'education';
const LABELS: Record<Key, string> = { status: '审核状态', realName: '实名状态', education: '学历' };
const OPTIONS: Record<Key, Record<string, string>> = { status: CheckinStatuses, realName: RealNameStatuses, education: Educations };

/**
 * 001 annex 2 "我的团员"即可查看、审核 — the real client filters by 审核状态 and 学历: chips for the
 * check-in state, real-name state and 学历; the branch filter is set by tapping a row's branch
 * and shown here to clear.
 */
export function MemberFilterBar(props: {
  value: MemberFilters;
  onChange: (next: MemberFilters) => void;
  branchName?: string;
  /** the states the list can hold (the review list only has those waiting) */
  statuses?: readonly string[];
  testId: string;
}) {
  const [open, setOpen] = useState<Key | null>(null);
  const optionsOf = (key: Key) => {
    const all = OPTIONS[key];
    const keys = key === 'status' && props.statuses ? props.statuses : Object.keys(all);
    return [{ value: '', label: '全部' }, ...keys.map((k) => ({ value: k, label: all[k] ?? k }))];
  };
  const shown = (key: Key) => {
    const v = props.value[key];
    return v && isKeyOf(OPTIONS[key], v) ? OPTIONS[key][v] : LABELS[key];
  };
  return (
    <View className='member-filters' data-testid={props.testId}>
      {(['status', 'realName', 'education'] as const).map((key) => (
        <View key={key} className={`member-filters__chip${props.value[key] ? ' member-filters__chip--on' : ''}`} onClick={() => setOpen(key)} data-testid={`${props.testId}-${key}`}>
          <Text>{shown(key)} ▾</Text>
        </View>
      ))}
      {props.value.branchId ? (
        <View className='member-filters__chip member-filters__chip--on' onClick={() => props.onChange({ ...props.value, branchId: undefined })} data-testid={`${props.testId}-branch`}>
          <Text>{props.branchName ?? '本支部'} ✕</Text>
        </View>
      ) : null}
      <Picker
        visible={open !== null}
        title={open ? LABELS[open] : ''}
        options={[open ? optionsOf(open) : []]}
        value={open ? [props.value[open] ?? ''] : []}
        onConfirm={(_, values) => {
          if (!open) return;
          const picked = String(values[0] ?? '');
          props.onChange({ ...props.value, [open]: picked === '' ? undefined : picked });
        }}
        onClose={() => setOpen(null)}
      />
    </View>
  );
}

/** The filters as query parameters (empty ones left out). */
export const filterParams = (f: MemberFilters): Record<string, string> => Object.fromEntries(Object.entries(f).filter(([, v]) => typeof v === 'string' && v !== ''));
