import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { OrgCreate, OrgUpdate } from '@tj/shared';
import { OrgForm } from '../../../components/org-form';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { Routes } from '../../../routes';
import { createChild, orgTypeOf, updateOrg } from '../../../services/orgs';
import { goBack } from '../../nav';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';

/** ?orgId=&mode=create: a new sub-org of orgId; ?orgId=&mode=edit: orgId's own details. */
export default function OrgFormPage() {
  const { allowed, orgId, org, params } = useOrgPage();
  const creating = params.mode !== 'edit';

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: creating ? '新建下级组织' : '编辑组织信息' });
  }, [creating]);

  if (!allowed) return null;
  const detail = org.data;

  const created = async (body: OrgCreate) => {
    await createChild(orgId, body);
    void Taro.showToast({ title: '创建成功', icon: 'success' });
    await goBack(Routes.adminHome, { orgId });
  };
  const saved = async (body: OrgUpdate) => {
    await updateOrg(orgId, body);
    void Taro.showToast({ title: '已保存', icon: 'success' });
    await goBack(Routes.adminHome, { orgId });
  };

  return (
    <View className='admin-page' data-testid={creating ? 'org-create-page' : 'org-edit-page'}>
      <PageStatus loading={org.loading} error={org.error} onRetry={org.reload} testId='org-form-page'>
        {detail ? (
          <>
            <OrgHeader org={detail} subtitle={creating ? '在本组织下新建直属下级组织' : undefined} />
            {creating ? <OrgForm mode='create' parentType={orgTypeOf(detail)} onSubmit={created} /> : <OrgForm mode='edit' org={detail} onSubmit={saved} />}
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
