import { Text, View } from '@tarojs/components';
import type { TransferableMember } from '../../services/transfers';

interface MemberChecklistProps {
  members: TransferableMember[];
  selected: string[];
  onChange: (ids: string[]) => void;
  testId: string;
}

/** Members of a branch to pick for 办理转出 / 批量接转; those with an open transfer are locked. */
export function MemberChecklist({ members, selected, onChange, testId }: MemberChecklistProps) {
  const free = members.filter((m) => !m.hasOpenTransfer).map((m) => m.id);
  const all = free.length > 0 && free.every((id) => selected.includes(id));
  return (
    <View className='m-check' data-testid={testId}>
      <View className='m-check__bar'>
        <Text className='cadre-muted'>
          共{members.length}人，已选{selected.length}人
        </Text>
        {free.length > 0 ? (
          <Text className='cadre-link' onClick={() => onChange(all ? [] : free)} data-testid={`${testId}-all`}>
            {all ? '取消全选' : '全选'}
          </Text>
        ) : null}
      </View>
      {members.map((m) => {
        const on = selected.includes(m.id);
        return (
          <View
            key={m.id}
            className={`m-check__item${m.hasOpenTransfer ? ' m-check__item--off' : ''}`}
            onClick={m.hasOpenTransfer ? undefined : () => onChange(on ? selected.filter((id) => id !== m.id) : [...selected, m.id])}
            data-testid={`${testId}-${m.id}`}
          >
            <View className={`m-check__box${on ? ' m-check__box--on' : ''}`}>{on ? '✓' : ''}</View>
            <View className='m-check__main'>
              <Text className='cadre-text'>{m.name}</Text>
              <Text className='cadre-muted'>
                {m.idNumberMasked}
                {m.hasOpenTransfer ? '（有正在办理的转接）' : ''}
              </Text>
            </View>
          </View>
        );
      })}
    </View>
  );
}
