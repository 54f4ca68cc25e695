import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Positions, isKeyOf } from '@tj/shared';
import { Routes } from '../../routes';
import './org-switch.css';

interface OrgSwitchProps {
  org: { alias: string | null; shortName: string; position?: string | null } | null;
}

/** §6.5 on every cadre page: the org the page is about, and 切换 to the chooser. */
export function OrgSwitch({ org }: OrgSwitchProps) {
  if (!org) return null;
  const position = org.position && isKeyOf(Positions, org.position) ? Positions[org.position] : '';
  return (
    <View className='org-switch' data-testid='org-switch'>
      <View className='org-switch__main'>
        <Text className='org-switch__label'>当前组织</Text>
        <Text className='org-switch__name' data-testid='org-switch-name'>
          {org.alias || org.shortName}
        </Text>
        {position ? <Text className='org-switch__position'>{position}</Text> : null}
      </View>
      <Text className='org-switch__button' onClick={() => void Taro.navigateTo({ url: Routes.cadreOrgs })} data-testid='org-switch-button'>
        切换
      </Text>
    </View>
  );
}
