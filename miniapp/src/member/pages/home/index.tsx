import { PlaceholderPage } from '../../../components/placeholder-page';
import { useRequireLogin } from '../../../hooks/use-require-login';

export default function MemberHomePage() {
  const allowed = useRequireLogin();
  return allowed ? (
    <PlaceholderPage title='团员首页' description='报到通过后，在这里查看认证资料、我的组织与组织关系转接' />
  ) : null;
}
