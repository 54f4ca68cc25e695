import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { ArchiveItem, ArchiveState } from '@tj/shared';
import { chinaDateTime } from '@tj/shared';
import { StatusTag, type Tone } from '../status-tag';
import './index.css';

/** [004 FAQ (iii)] the four states, in the documents' words, with one tone each. */
export const ARCHIVE_TONES: Record<ArchiveState, Tone> = {
  notRequired: 'gray',
  uncertified: 'orange',
  pending: 'blue',
  rejected: 'red',
  certified: 'green',
};

const mb = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** One member's 团员电子档案: who, the 入团志愿书 on file, what waits or was refused. */
export function ArchiveCard({ item, testId, showMember = true, children }: { item: ArchiveItem; testId: string; showMember?: boolean; children?: ReactNode }) {
  return (
    <View className='archive-card' data-testid={testId}>
      <View className='archive-card__head'>
        <Text className='archive-card__name'>{showMember ? item.name : '团员身份认证'}</Text>
        <StatusTag tone={ARCHIVE_TONES[item.state]} testId={`${testId}-state`}>
          {item.stateLabel}
        </StatusTag>
      </View>
      {showMember ? (
        <Text className='archive-card__meta'>
          {item.idNumberMasked} · 入团 {item.joinedAt}
          {'\n'}发展团员编号 {item.developmentNumber ?? '未填写'} · {item.branchName}
        </Text>
      ) : null}
      {item.file ? (
        <Text className='archive-card__file'>
          《入团志愿书》PDF {mb(item.file.size)} · {item.file.uploadedByOrg}上传于 {chinaDateTime(item.file.uploadedAt)}
        </Text>
      ) : item.state === 'uncertified' ? (
        <Text className='archive-card__file'>尚未上传电子版《入团志愿书》</Text>
      ) : null}
      {item.state === 'pending' && item.approverOrgName ? <Text className='archive-card__note'>等待{item.approverOrgName}审批</Text> : null}
      {item.pendingChange ? (
        <Text className='archive-card__note' data-testid={`${testId}-change`}>
          变更申请待{item.approverOrgName ?? '上级团委'}审批：{item.pendingChange.reason}
        </Text>
      ) : null}
      {item.rejectReason ? (
        <Text className='archive-card__reject' data-testid={`${testId}-reason`}>
          {item.state === 'rejected' ? '不同意理由' : '变更申请未通过'}：{item.rejectReason}
        </Text>
      ) : null}
      {children ? <View className='archive-card__actions'>{children}</View> : null}
    </View>
  );
}
