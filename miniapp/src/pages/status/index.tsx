import { Text, View } from '@tarojs/components';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { useRequireLogin } from '../../hooks/use-require-login';
import { Routes } from '../../routes';
import { restartAt } from '../../services/navigation';
import { useAppStore } from '../../stores';
import './index.css';

// Placeholder until the check-in issue: §4.1 — until approved, members only see this page.
export default function StatusPage() {
  const allowed = useRequireLogin();
  const user = useAppStore((s) => s.user);
  const logout = useAppStore((s) => s.logout);

  if (!allowed || !user) return null;

  const onLogout = () => {
    logout();
    void restartAt(Routes.login);
  };

  return (
    <View className='status-page'>
      <Cell.Group title='当前账号'>
        <Cell title='手机号' extra={<Text data-testid='status-phone'>{user.phone}</Text>} />
        <Cell title='姓名' extra={user.name ?? '报到后显示'} />
      </Cell.Group>
      <Cell.Group title='报到状态'>
        <Cell title='尚未报到' description='报到功能即将开放，请留意团组织通知' />
      </Cell.Group>
      <View className='status-actions'>
        <Button block type='default' onClick={onLogout} data-testid='logout'>
          退出登录
        </Button>
      </View>
    </View>
  );
}
