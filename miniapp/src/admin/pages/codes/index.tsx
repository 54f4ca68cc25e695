import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ADMIN_CODE_VALID_DAYS, type AdminCodeIssued, type OrgSummary } from '@tj/shared';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState } from '../../../components/empty-state';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { useAsync } from '../../../hooks/use-async';
import { adminCodesExportPath, fetchAdminCodes, issueAdminCode, prepareAdminCodesExport } from '../../../services/admin-codes';
import { toApiError } from '../../../services/api-error';
import { formatChinaTime } from '../../../services/audit';
import { downloadExcel } from '../../../services/files';
import { fetchChildren } from '../../../services/orgs';
import { orgTypeLabel } from '../../../labels/org';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';
import './index.css';

const byOrg = (items: AdminCodeIssued[]) => Object.fromEntries(items.map((c) => [c.orgId, c]));

/**
 * §3.4 管理员注册码 for each direct subordinate: the codes in force (listed again whenever the
 * page opens), generate, copy, re-issue (asks first: the old code stops working), or export
 * all to Excel — which issues codes only where none is in force (issue 13 item 2).
 */
export default function CodesPage() {
  const { allowed, orgId, org } = useOrgPage();
  const children = useAsync(allowed && orgId ? () => fetchChildren(orgId) : null, [allowed, orgId]);
  const inForce = useAsync(allowed && orgId ? () => fetchAdminCodes(orgId) : null, [allowed, orgId]);
  const [issuedHere, setIssuedHere] = useState<Record<string, AdminCodeIssued>>({});
  const codes = useMemo(() => ({ ...byOrg(inForce.data ?? []), ...issuedHere }), [inForce.data, issuedHere]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [reissuing, setReissuing] = useState<OrgSummary | null>(null);

  if (!allowed) return null;
  const detail = org.data;

  const issue = async (child: OrgSummary) => {
    setBusy(child.id);
    setError('');
    try {
      const issued = await issueAdminCode(orgId, child.id);
      setIssuedHere((c) => ({ ...c, [child.id]: issued }));
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };

  /** A first code is issued at once; replacing one in force is confirmed first. */
  const onIssue = (child: OrgSummary) => (codes[child.id] ? setReissuing(child) : issue(child));

  const exportAll = async () => {
    if (!detail) return;
    setBusy('export');
    setError('');
    try {
      const items = await prepareAdminCodesExport(orgId);
      setIssuedHere((c) => ({ ...c, ...byOrg(items) }));
      await downloadExcel(adminCodesExportPath(orgId), `${detail.shortName}-管理员注册码.xlsx`);
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };

  const copy = (issued: AdminCodeIssued) => Taro.setClipboardData({ data: issued.code }).then(() => Taro.showToast({ title: '注册码已复制', icon: 'none' }));

  const items = children.data ?? [];

  return (
    <View className='admin-page' data-testid='codes-page'>
      <PageStatus loading={org.loading} error={org.error} onRetry={org.reload} testId='codes-page'>
        {detail ? (
          <>
            <OrgHeader org={detail} subtitle='管理员注册码' />
            <View className='admin-notice'>
              <Text>
                注册码为8位数字或字母（区分大小写），有效期{ADMIN_CODE_VALID_DAYS}
                天，仅限一位管理员使用。请将注册码发给下级组织的管理员，由其在“管理员注册”页面完成注册。导出不会使已发出的注册码失效，只为尚无有效注册码的组织生成新码。
              </Text>
            </View>
            <View className='admin-actions'>
              <Button type='primary' fill='outline' loading={busy === 'export'} disabled={busy !== null || items.length === 0} onClick={exportAll} data-testid='codes-export'>
                导出全部（Excel）
              </Button>
            </View>
            {error ? (
              <View className='admin-error' data-testid='codes-error'>
                {error}
              </View>
            ) : null}

            <View className='admin-section'>
              <View className='admin-section__head'>
                <Text className='admin-section__title'>直属下级组织{children.data ? `（${items.length}）` : ''}</Text>
              </View>
              <PageStatus
                loading={children.loading || inForce.loading}
                error={children.error ?? inForce.error}
                onRetry={() => Promise.all([children.reload(), inForce.reload()]).then(() => undefined)}
                testId='codes-list'
              >
                {items.length === 0 ? (
                  <View className='admin-card'>
                    <EmptyState title='暂无下级组织' description='请先新建或导入下级组织' />
                  </View>
                ) : (
                  <View className='admin-card'>
                    {items.map((child) => {
                      const issued = codes[child.id];
                      return (
                        <View key={child.id} className='tj-list-row code-row' data-testid={`codes-row-${child.id}`}>
                          <View className='code-row__head'>
                            <View className='code-row__names'>
                              <Text className='code-row__name'>{child.fullName}</Text>
                              <Text className='code-row__meta'>
                                {child.alias || child.shortName} · {orgTypeLabel(child.type)}
                              </Text>
                            </View>
                            <Button
                              size='small'
                              type='primary'
                              fill={issued ? 'outline' : 'solid'}
                              loading={busy === child.id}
                              disabled={busy !== null}
                              onClick={() => onIssue(child)}
                              data-testid={`codes-issue-${child.id}`}
                            >
                              {issued ? '重新生成' : '生成注册码'}
                            </Button>
                          </View>
                          {issued ? (
                            <View className='code-row__code'>
                              <View className='code-row__code-main'>
                                <Text className='code-row__value' data-testid={`codes-code-${child.id}`}>
                                  {issued.code}
                                </Text>
                                <Text className='code-row__expiry'>有效期至 {formatChinaTime(issued.expiresAt)}</Text>
                              </View>
                              <Button size='small' onClick={() => copy(issued)} data-testid={`codes-copy-${child.id}`}>
                                复制
                              </Button>
                            </View>
                          ) : null}
                        </View>
                      );
                    })}
                  </View>
                )}
              </PageStatus>
            </View>
            <ConfirmDialog
              visible={reissuing !== null}
              title='重新生成注册码'
              content={reissuing ? `重新生成后，原注册码将立即失效，已收到原注册码的人将无法再用它注册。确定为“${reissuing.alias || reissuing.shortName}”重新生成注册码吗？` : ''}
              confirmText='重新生成'
              onConfirm={async () => {
                const child = reissuing;
                setReissuing(null);
                if (child) await issue(child);
              }}
              onClose={() => setReissuing(null)}
            />
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
