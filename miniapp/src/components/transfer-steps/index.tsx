import { Text, View } from '@tarojs/components';
import type { TransferStep } from '@tj/shared';
import { StatusTag } from '../status-tag';
import { formatTime } from '../../services/review';
import { deadlineText, orgPhone } from '../../services/transfers';
import { STEP_OUTCOME_LABELS, stepTone } from '../../labels/transfer';
import './index.css';

/**
 * §7.2 / §7.4 a transfer's steps in order: who holds each one (org, secretary, phone — or
 * the other system), since when, the 10-day deadline while it is open, how it ended.
 * Against the users' pain of transfers stuck because the other side never acts (§10).
 */
export function TransferSteps({ steps, testId = 'transfer-steps' }: { steps: TransferStep[]; testId?: string }) {
  return (
    <View className='t-steps' data-testid={testId}>
      {steps.map((s, i) => {
        const pending = s.outcome === 'pending';
        const holder = s.org ? s.org.name : (s.externalName ?? '转入系统');
        const phone = orgPhone(s.org);
        return (
          <View key={`${s.kind}-${i}`} className={`t-step${pending ? ' t-step--current' : ''}`} data-testid={`${testId}-${i}`}>
            <View className='t-step__dot' />
            <View className='t-step__body'>
              <View className='t-step__head'>
                <Text className='t-step__label'>{s.label}</Text>
                <StatusTag tone={stepTone(s.outcome)} testId={`${testId}-${i}-outcome`}>
                  {STEP_OUTCOME_LABELS[s.outcome]}
                </StatusTag>
              </View>
              <Text className='t-step__org' data-testid={`${testId}-${i}-org`}>
                {holder}
              </Text>
              {s.org && (s.org.secretaryName || phone) ? (
                <Text className='t-step__meta'>
                  联系人：{s.org.secretaryName ?? '—'}
                  {phone ? `  ${phone}` : ''}
                </Text>
              ) : null}
              <Text className='t-step__meta'>开始于 {formatTime(s.since)}</Text>
              {pending && s.deadline ? (
                <Text className={`t-step__deadline${new Date(s.deadline).getTime() < Date.now() ? ' t-step__deadline--late' : ''}`} data-testid={`${testId}-${i}-deadline`}>
                  办理期限 {formatTime(s.deadline)}（{deadlineText(s.deadline)}，逾期自动退回）
                </Text>
              ) : null}
              {pending && s.needsBranchAssignment ? <Text className='t-step__meta'>转入组织同意时将分配团支部</Text> : null}
              {s.handledAt ? (
                <Text className='t-step__meta'>
                  {formatTime(s.handledAt)} {s.handledByOrgName ?? ''} 办理
                </Text>
              ) : null}
              {s.comment ? <Text className='t-step__comment'>意见：{s.comment}</Text> : null}
            </View>
          </View>
        );
      })}
    </View>
  );
}
