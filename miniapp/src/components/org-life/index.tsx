import { Text, View } from '@tarojs/components';
import { isKeyOf, monthOf, MonthVerdicts, OrgLifeKinds, todayInChina, type MonthVerdict, type OrgLifeSummary } from '@tj/shared';
import { StatusTag } from '../status-tag';
import './index.css';

export const kindLabel = (k: string) => (isKeyOf(OrgLifeKinds, k) ? OrgLifeKinds[k] : k);
export const monthLabel = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;

/** 004's monthly rule as a tag: 达标 green, 未达标 orange (no activity) or red (participation below 50%). */
export function VerdictTag({ verdict, testId }: { verdict: MonthVerdict; testId?: string }) {
  return (
    <StatusTag tone={verdict === 'met' ? 'green' : verdict === 'noActivity' ? 'orange' : 'red'} testId={testId}>
      {verdict === 'met' ? '达标' : '未达标'}
    </StatusTag>
  );
}
export const verdictText = (v: MonthVerdict) => (isKeyOf(MonthVerdicts, v) ? MonthVerdicts[v] : v);

/** This year so far: the default period of the committee and participation views (≤ 12 months). */
export function defaultPeriod(): { from: string; to: string } {
  const to = monthOf(todayInChina());
  return { from: `${to.slice(0, 4)}-01`, to };
}

/** One record in a list: kind, topic, date and place, 参与率. */
export function RecordRow({ record, onOpen, showBranch }: { record: OrgLifeSummary; onOpen: () => void; showBranch?: boolean }) {
  return (
    <View className='tj-list-row ol-row' onClick={onOpen} data-testid={`ol-record-${record.id}`}>
      <View className='ol-row__main'>
        <View className='ol-row__top'>
          <Text className='ol-kind'>{kindLabel(record.kind)}</Text>
          <Text className='ol-row__topic'>{record.topic}</Text>
        </View>
        <Text className='ol-muted'>
          {record.heldOn} · {record.place}
          {showBranch ? ` · ${record.branch.name}` : ''}
        </Text>
        <Text className={`ol-muted${record.countsForRule && !record.rateMet ? ' ol-bad' : ''}`}>
          参加 {record.attendeeCount}/{record.memberCount} 人 · 参与率 {record.ratePercent}%{record.photoCount ? ` · 照片 ${record.photoCount}` : ''}
        </Text>
      </View>
      <Text className='ol-arrow'>›</Text>
    </View>
  );
}
