import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ExcelImport } from '../../../components/excel-import';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { Routes } from '../../../routes';
import { orgImportPaths } from '../../../services/orgs';
import { OrgFieldLabels } from '../../../labels/org';
import { rosterImportPaths } from '../../../services/roster';
import { RosterFieldLabels } from '../../../labels/roster';
import { CertFieldLabels } from '../../../labels/checkin';
import { enteredImportPaths } from '../../../services/entered';
import { goBack } from '../../nav';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';

/** ?orgId=&kind=orgs (下级组织, default) | roster (团干部) | members (团员): one page, one import component. */
const KINDS = {
  orgs: {
    title: '批量导入下级组织',
    what: '下级组织',
    paths: orgImportPaths,
    labels: OrgFieldLabels,
    back: Routes.adminHome,
    notes: '组织简称、组织全称、组织类别、行业类别导入后不可修改，请核对后再导入。',
  },
  roster: {
    title: '批量导入团干部',
    what: '团干部',
    paths: rosterImportPaths,
    labels: RosterFieldLabels,
    back: Routes.adminRoster,
    notes: '同一身份证号码在本组织只能录入一次。',
  },
  // issue 16 part 5: 批量导入团员 into this 团支部 (the check-in's rules, all-or-nothing)
  members: {
    title: '批量导入团员',
    what: '团员',
    paths: enteredImportPaths,
    labels: CertFieldLabels,
    back: Routes.adminEnteredMembers,
    notes: '团员录入到本团支部，认证资料与团员报到的规则相同；同一身份证号码只能在一个团支部，发展团员编号全国唯一。',
  },
} as const;

export default function ImportPage() {
  const { allowed, orgId, org, params } = useOrgPage();
  const kind = params.kind === 'roster' ? KINDS.roster : params.kind === 'members' ? KINDS.members : KINDS.orgs;
  const [imported, setImported] = useState<number | null>(null);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: kind.title });
  }, [kind]);

  if (!allowed) return null;
  const detail = org.data;
  const paths = kind.paths(orgId);

  return (
    <View className='admin-page' data-testid='import-page'>
      <PageStatus loading={org.loading} error={org.error} onRetry={org.reload} testId='import-page'>
        {detail ? (
          <>
            <OrgHeader org={detail} subtitle={kind.title} />
            <View className='admin-notice'>
              <Text>{kind.notes}</Text>
            </View>
            <ExcelImport
              what={kind.what}
              templatePath={paths.template}
              templateName={`${detail.shortName}-${kind.what}导入模板.xlsx`}
              uploadPath={paths.upload}
              fieldLabels={kind.labels}
              onImported={setImported}
            />
            {imported !== null ? (
              <View className='admin-actions'>
                <Button type='primary' onClick={() => goBack(kind.back, { orgId })} data-testid='import-done'>
                  {kind === KINDS.roster ? '返回团干部名册' : kind === KINDS.members ? '返回录入团员' : '返回组织首页'}
                </Button>
              </View>
            ) : null}
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
