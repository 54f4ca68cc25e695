import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { TransferSummary } from '@tj/shared';
import { StatusTag } from '../status-tag';
import { formatTime } from '../../services/review';
import { deadlineText, destinationText } from '../../services/transfers';
import { statusTone } from '../../labels/transfer';
import './index.css';

/** One transfer in a list: who, from where to where, its state and the open step's deadline. */
export function TransferCard({ t, onClick, extra, testId }: { t: TransferSummary; onClick?: () => void; extra?: ReactNode; testId: string }) {
  const step = t.currentStep;
  return (
    <View className='t-card' onClick={onClick} data-testid={testId}>
      <View className='t-card__head'>
        <Text className='t-card__name'>{t.member.name}</Text>
        <StatusTag tone={statusTone(t.status)} testId={`${testId}-status`}>
          {t.statusLabel}
        </StatusTag>
      </View>
      <Text className='t-card__line'>
        <Text className='t-card__k'>转出：</Text>
        {t.fromBranch.name}
      </Text>
      <Text className='t-card__line'>
        <Text className='t-card__k'>转入：</Text>
        {destinationText(t) || '—'}
      </Text>
      <Text className='t-card__meta'>
        {t.reasonLabel} · 发起于 {formatTime(t.createdAt)}
      </Text>
      {step && step.deadline ? (
        <Text className='t-card__deadline'>
          {step.label}：{step.org?.name ?? step.externalName ?? ''}（{deadlineText(step.deadline)}）
        </Text>
      ) : null}
      {extra}
    </View>
  );
}
