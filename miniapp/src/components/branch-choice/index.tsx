import { Text, View } from '@tarojs/components';
import type { OrgSummary } from '@tj/shared';
import { FormField } from '../form-field';
import './index.css';

interface BranchChoiceProps {
  label: string;
  required?: boolean;
  value: string;
  branches: OrgSummary[];
  onChange: (id: string) => void;
  error?: string;
  hint?: string;
  /** Shown while there is nothing to choose from. */
  empty?: string;
  testId: string;
}

/**
 * Branches of a subtree as a list of rows, each with its short name and its parent, all
 * visible (a committee has a handful); each row is `<testId>-<branchId>`.
 */
export function BranchChoice({ label, required, value, branches, onChange, error, hint, empty = '暂无下级团支部', testId }: BranchChoiceProps) {
  return (
    <FormField label={label} required={required} error={error} hint={hint} testId={testId}>
      <View className='branch-choice' data-testid={testId}>
        {branches.length === 0 ? <Text className='branch-choice__empty'>{empty}</Text> : null}
        {branches.map((b) => {
          const on = b.id === value;
          return (
            <View key={b.id} className={`branch-choice__item${on ? ' branch-choice__item--on' : ''}`} onClick={() => onChange(b.id)} data-testid={`${testId}-${b.id}`}>
              <View className='branch-choice__radio'>{on ? <View className='branch-choice__dot' /> : null}</View>
              <View className='branch-choice__main'>
                <Text className='branch-choice__name'>{b.shortName}</Text>
                <Text className='branch-choice__path'>{b.pathNames.slice(-2).join(' › ')}</Text>
              </View>
            </View>
          );
        })}
      </View>
    </FormField>
  );
}
