import { PlaceholderPage } from '../../../components/placeholder-page';
import { useRequireLogin } from '../../../hooks/use-require-login';

export default function CadreHomePage() {
  const allowed = useRequireLogin();
  return allowed ? (
    <PlaceholderPage title='团干部工作台' description='在这里审核报到、查询团员与组织信息' />
  ) : null;
}
