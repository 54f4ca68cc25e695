import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { CertStep } from '@tj/shared';
import type { SummarySection } from '../../services/checkin';
import './index.css';

interface CertSummaryProps {
  sections: SummarySection[];
  /** Something at the right of a section's title (修改, 已锁定 …). */
  action?: (step: CertStep) => ReactNode;
  /** A note under a section's title. */
  note?: (step: CertStep) => ReactNode;
  testId?: string;
}

/**
 * The certification data by step (confirmation page, 认证资料, the operator's review). For an
 * edit under review a changed field shows the value still in force struck through.
 */
export function CertSummary({ sections, action, note, testId = 'cert-summary' }: CertSummaryProps) {
  return (
    <View className='cert-summary' data-testid={testId}>
      {sections.map((section) => (
        <View key={section.step} className='cert-summary__section' data-testid={`${testId}-${section.step}`}>
          <View className='cert-summary__head'>
            <Text className='cert-summary__title'>{section.title}</Text>
            {action ? <View className='cert-summary__action'>{action(section.step)}</View> : null}
          </View>
          {note?.(section.step)}
          <View className='cert-summary__card'>
            {section.rows.length === 0 ? <Text className='cert-summary__empty'>未填写</Text> : null}
            {section.rows.map((row) => (
              <View key={row.field} className='cert-summary__row' data-testid={`${testId}-${row.field}`}>
                <Text className='cert-summary__label'>{row.label}</Text>
                <View className='cert-summary__values'>
                  {row.previous !== undefined ? (
                    <Text className='cert-summary__previous' data-testid={`${testId}-${row.field}-previous`}>
                      {row.previous || '（空）'}
                    </Text>
                  ) : null}
                  <Text className={`cert-summary__value${row.previous !== undefined ? ' cert-summary__value--changed' : ''}`}>{row.value || '（空）'}</Text>
                </View>
              </View>
            ))}
          </View>
        </View>
      ))}
    </View>
  );
}
