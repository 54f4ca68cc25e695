import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.css';

interface OrgPathProps {
  fullName: string;
  shortName?: string;
  /** Short names of the ancestors, the province first. */
  pathNames: string[];
  testId?: string;
  /** A line under the path (e.g. "只能选择团支部"). */
  note?: ReactNode;
  compact?: boolean;
}

/**
 * An org as a member must recognise it (§4.1, §10: checking in to the wrong branch is the
 * users' recurring pain): its full name, then the path from the province down to it.
 */
export function OrgPath({ fullName, shortName, pathNames, testId = 'org-path', note, compact }: OrgPathProps) {
  const path = [...pathNames, ...(shortName ? [shortName] : [])].join(' / ');
  return (
    <View className={`org-path${compact ? ' org-path--compact' : ''}`} data-testid={testId}>
      <Text className='org-path__full' data-testid={`${testId}-full`}>
        {fullName}
      </Text>
      {path ? (
        <Text className='org-path__path' data-testid={`${testId}-path`}>
          {path}
        </Text>
      ) : null}
      {note ? <View className='org-path__note'>{note}</View> : null}
    </View>
  );
}
