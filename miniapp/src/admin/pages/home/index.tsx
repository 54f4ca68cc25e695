import { PlaceholderPage } from '../../../components/placeholder-page';
import { useRequireLogin } from '../../../hooks/use-require-login';

export default function AdminHomePage() {
  const allowed = useRequireLogin();
  return allowed ? (
    <PlaceholderPage title='组织管理' description='在这里管理下级组织、团干部名册与管理员注册码' />
  ) : null;
}
