import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { OrgPath } from '../../../components/org-path';
import { Routes, withQuery } from '../../../routes';
import { selectIsLoggedIn, useAppStore } from '../../../stores';
import '../../member.css';

/**
 * §4.1 after scanning a branch's check-in QR (or picking it in the search): the branch, by
 * its full name and path, before login — then 登录 / 注册, or straight on when logged in.
 */
export default function JoinPage() {
  const branch = useAppStore((s) => s.chosenBranch);
  const loggedIn = useAppStore(selectIsLoggedIn);

  // On open only: this page stays in the stack under the form, and saving step 1 clears
  // the chosen branch — a hidden page must not redirect the one on top.
  useEffect(() => {
    if (!useAppStore.getState().chosenBranch) void Taro.redirectTo({ url: Routes.memberOrgSearch });
  }, []);

  if (!branch) return null;

  const go = (url: string) => void Taro.navigateTo({ url });

  return (
    <View className='member-page' data-testid='join-page'>
      <View className='member-hero'>
        <Text className='member-hero__title'>团员报到</Text>
        <Text className='member-hero__sub'>填写认证资料并提交，所在团支部审核通过后即完成报到</Text>
        <View className='member-flow'>
          <Text className='member-flow__step'>登录/注册</Text>
          <Text className='member-flow__arrow'>›</Text>
          <Text className='member-flow__step'>填写资料</Text>
          <Text className='member-flow__arrow'>›</Text>
          <Text className='member-flow__step'>团支部审核</Text>
          <Text className='member-flow__arrow'>›</Text>
          <Text className='member-flow__step'>报到成功</Text>
        </View>
      </View>

      <View className='tj-card'>
        <Text className='member-card__title'>您要报到的团支部</Text>
        <OrgPath fullName={branch.fullName} shortName={branch.shortName} pathNames={branch.pathNames} testId='join-branch' />
        <Text className='member-muted join-hint'>请核对团组织全称及其上级组织，确认是您所在的团支部。</Text>
        <View className='cert-branch__change'>
          <Text className='member-link' onClick={() => go(Routes.memberOrgSearch)} data-testid='join-change'>
            不是这个团支部？重新查找 ›
          </Text>
        </View>
      </View>

      <View className='member-actions'>
        {loggedIn ? (
          <Button type='primary' size='large' block onClick={() => void Taro.redirectTo({ url: withQuery(Routes.memberCheckin, { step: 'identity' }) })} data-testid='join-start'>
            开始报到
          </Button>
        ) : (
          <>
            <Button type='primary' size='large' block onClick={() => go(Routes.memberRegister)} data-testid='join-register'>
              注册新账号并报到
            </Button>
            <Button size='large' block onClick={() => go(Routes.login)} data-testid='join-login'>
              已有账号，登录
            </Button>
          </>
        )}
      </View>
    </View>
  );
}
