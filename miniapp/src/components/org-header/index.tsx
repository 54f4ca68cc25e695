import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { orgPathText } from '../../services/orgs';
import { orgTypeLabel } from '../../labels/org';
import './index.css';

interface OrgHeaderProps {
  org: { shortName: string; fullName: string; alias: string | null; type: string; pathNames: string[] };
  /** A line under the name, e.g. the page's purpose. */
  subtitle?: ReactNode;
  children?: ReactNode;
}

/**
 * The org a page acts on: name (代称 if set), full name and the path up to the province, so
 * an admin deep in the tree always sees where they are (§10: show full names and paths).
 */
export function OrgHeader({ org, subtitle, children }: OrgHeaderProps) {
  const path = orgPathText(org);
  return (
    <View className='org-header' data-testid='org-header'>
      <View className='org-header__top'>
        <Text className='org-header__name' data-testid='org-header-name'>
          {org.alias || org.shortName}
        </Text>
        <Tag className='org-header__type' round background='rgba(255,255,255,0.2)' color='#fff'>
          {orgTypeLabel(org.type)}
        </Tag>
      </View>
      <Text className='org-header__full' data-testid='org-header-full'>
        {org.fullName}
      </Text>
      {path ? (
        <Text className='org-header__path' data-testid='org-header-path'>
          {path} › {org.shortName}
        </Text>
      ) : null}
      {subtitle ? <Text className='org-header__subtitle'>{subtitle}</Text> : null}
      {children}
    </View>
  );
}
