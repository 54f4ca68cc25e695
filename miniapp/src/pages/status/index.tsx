import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { Positions, isKeyOf, type MyOrg } from '@tj/shared';
import { StatusTag } from '../../components/status-tag';
import { useRequireLogin } from '../../hooks/use-require-login';
import { Routes, withQuery } from '../../routes';
import { restartAt } from '../../services/navigation';
import { orgPathText } from '../../services/orgs';
import { useAppStore } from '../../stores';
import './index.css';

// Placeholder until the check-in issue: §4.1 — until approved, members only see this page.
export default function StatusPage() {
  const allowed = useRequireLogin();
  const user = useAppStore((s) => s.user);
  const logout = useAppStore((s) => s.logout);
  const myOrgs = useAppStore((s) => s.myOrgs);
  const loadMyOrgs = useAppStore((s) => s.loadMyOrgs);
  const enterOrg = useAppStore((s) => s.enterOrg);

  useEffect(() => {
    // Cadres and admins also get a way into their orgs; a member simply has none.
    if (allowed) void loadMyOrgs().catch(() => undefined);
  }, [allowed, loadMyOrgs]);

  if (!allowed || !user) return null;

  const onLogout = () => {
    logout();
    void restartAt(Routes.login);
  };

  const open = (org: MyOrg) => {
    enterOrg(org.id);
    void Taro.navigateTo({ url: org.isAdmin ? withQuery(Routes.adminHome, { orgId: org.id }) : Routes.cadreHome });
  };

  return (
    <View className='status-page'>
      <Cell.Group title='当前账号'>
        <Cell title='手机号' extra={<Text data-testid='status-phone'>{user.phone}</Text>} />
        <Cell title='姓名' extra={user.name ?? '报到后显示'} />
      </Cell.Group>
      {myOrgs.length > 0 ? (
        <Cell.Group title='我的团组织'>
          {myOrgs.map((org) => (
            <Cell
              key={org.id}
              clickable
              align='center'
              onClick={() => open(org)}
              title={
                <View className='status-org' data-testid={`status-org-${org.id}`}>
                  <Text className='status-org__name'>{org.alias || org.shortName}</Text>
                  {org.isAdmin ? <StatusTag tone='red'>管理员</StatusTag> : null}
                </View>
              }
              description={[
                isKeyOf(Positions, org.position) ? Positions[org.position] : org.position,
                orgPathText(org, false),
              ]
                .filter(Boolean)
                .join(' · ')}
              extra={<Text className='status-org__go'>{org.isAdmin ? '组织管理 ›' : '进入 ›'}</Text>}
            />
          ))}
        </Cell.Group>
      ) : null}
      <Cell.Group title='报到状态'>
        <Cell title='尚未报到' description='报到功能即将开放，请留意团组织通知' />
      </Cell.Group>
      <Cell.Group>
        <Cell
          clickable
          title={<Text data-testid='status-admin-register'>组织管理员注册</Text>}
          description='已收到上级团组织发放的管理员注册码'
          extra='›'
          onClick={() => void Taro.navigateTo({ url: Routes.adminRegister })}
        />
      </Cell.Group>
      <View className='status-actions'>
        <Button block type='default' onClick={onLogout} data-testid='logout'>
          退出登录
        </Button>
      </View>
    </View>
  );
}
