import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { RosterItem } from '@tj/shared';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { RosterForm } from '../../../components/roster-form';
import { useAsync } from '../../../hooks/use-async';
import { Routes } from '../../../routes';
import { ApiError } from '../../../services/api-error';
import { orgTypeOf } from '../../../services/orgs';
import { addRosterEntry, fetchRoster, updateRosterEntry, type RosterCreate, type RosterUpdate } from '../../../services/roster';
import { goBack } from '../../nav';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';

/** ?orgId=: enter a cadre; ?orgId=&entryId=: change that roster line. */
export default function RosterFormPage() {
  const { allowed, orgId, org, params } = useOrgPage();
  const entryId = params.entryId;
  const entry = useAsync<RosterItem>(
    allowed && orgId && entryId
      ? async () => {
          const found = (await fetchRoster(orgId)).find((e) => e.id === entryId);
          if (!found) throw new ApiError('NOT_FOUND', '该团干部已不在名册中');
          return found;
        }
      : null,
    [allowed, orgId, entryId],
  );

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: entryId ? '修改团干部信息' : '录入团干部' });
  }, [entryId]);

  if (!allowed) return null;
  const detail = org.data;
  const back = () => goBack(Routes.adminRoster, { orgId });

  const add = async (body: RosterCreate) => {
    await addRosterEntry(orgId, body);
    void Taro.showToast({ title: '已录入', icon: 'success' });
    await back();
  };
  const save = async (body: RosterUpdate) => {
    if (!entryId) return;
    await updateRosterEntry(orgId, entryId, body);
    void Taro.showToast({ title: '已保存', icon: 'success' });
    await back();
  };

  const loading = org.loading || (Boolean(entryId) && entry.loading);
  return (
    <View className='admin-page' data-testid='roster-form-page'>
      <PageStatus loading={loading} error={org.error ?? entry.error} onRetry={org.reload} testId='roster-form-page'>
        {detail ? (
          <>
            <OrgHeader org={detail} subtitle={entryId ? '修改团干部信息' : '录入团干部'} />
            {entryId ? (
              entry.data ? (
                <RosterForm mode='edit' orgType={orgTypeOf(detail)} entry={entry.data} onSubmit={save} />
              ) : null
            ) : (
              <RosterForm mode='create' orgType={orgTypeOf(detail)} onSubmit={add} />
            )}
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
