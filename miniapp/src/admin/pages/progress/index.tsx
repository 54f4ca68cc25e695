import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Table } from '@nutui/nutui-react-taro';
import { CodeStates, type EntryProgressRow } from '@tj/shared';
import { EmptyState } from '../../../components/empty-state';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { useAsync } from '../../../hooks/use-async';
import { Routes } from '../../../routes';
import { toApiError } from '../../../services/api-error';
import { downloadExcel } from '../../../services/files';
import { fetchProgress } from '../../../services/orgs';
import { fetchEntryProgress, progressExportPath } from '../../../services/stats';
import { openPage } from '../../nav';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';
import './index.css';

type Row = EntryProgressRow;

const LEVEL_NAMES = ['直属下级', '第二级', '第三级', '第四级', '第五级', '第六级', '第七级'];
const levelName = (level: number) => LEVEL_NAMES[level - 1] ?? `第${level}级`;

const count = (n: number, bad = false) => <Text className={bad && n > 0 ? 'progress-bad' : undefined}>{n}</Text>;

/**
 * §3.4 / [004 §二(一)4] 录入进度: per level below this org, and per direct subordinate its
 * admin, registration-code state, members, cadres, empty branches, branches without cadres and
 * info completeness; a row opens the same page for that org (any depth); 下载录入情况.
 */
export default function ProgressPage() {
  const { allowed, orgId, org } = useOrgPage();
  const progress = useAsync(allowed && orgId ? () => fetchProgress(orgId) : null, [allowed, orgId]);
  const entry = useAsync(allowed && orgId ? () => fetchEntryProgress(orgId) : null, [allowed, orgId]);
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState('');

  if (!allowed) return null;
  const detail = org.data;

  const exportExcel = async () => {
    if (!detail) return;
    setExporting(true);
    setError('');
    try {
      await downloadExcel(progressExportPath(orgId), `${detail.shortName}-录入情况.xlsx`);
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setExporting(false);
    }
  };

  const warnings = new Map((progress.data?.rows ?? []).map((r) => [r.org.id, r.sizeWarnings ?? []]));
  const columns = [
    {
      key: 'org',
      title: '下级组织',
      fixed: 'left' as const,
      width: 120,
      render: (row: Row) => (
        <Text className='progress-org' data-testid={`progress-row-${row.org.id}`} onClick={() => openPage(Routes.adminProgress, { orgId: row.org.id })}>
          {row.org.alias || row.org.shortName}
        </Text>
      ),
    },
    { key: 'adminName', title: '管理员', width: 72, render: (row: Row) => row.adminName ?? '—' },
    { key: 'adminPhone', title: '手机号', width: 110, render: (row: Row) => row.adminPhone ?? '—' },
    {
      key: 'codeState',
      title: '注册码',
      width: 96,
      render: (row: Row) => <Text className={row.codeState === 'registered' ? 'progress-yes' : 'progress-warning'}>{CodeStates[row.codeState]}</Text>,
    },
    { key: 'members', title: '团员', width: 56, render: (row: Row) => String(row.members) },
    { key: 'cadres', title: '团干部', width: 64, render: (row: Row) => String(row.cadres) },
    { key: 'branches', title: '团支部', width: 64, render: (row: Row) => String(row.branches) },
    { key: 'emptyBranches', title: '空支部', width: 64, render: (row: Row) => count(row.emptyBranches, true) },
    { key: 'branchesWithoutCadres', title: '无团干支部', width: 84, render: (row: Row) => count(row.branchesWithoutCadres, true) },
    { key: 'infoComplete', title: '信息完整', width: 76, render: (row: Row) => `${row.infoComplete}/${row.orgs}` },
    // 002 §二 / 004 entry standard: a warning, never a refusal
    {
      key: 'sizeWarnings',
      title: '规模提示',
      width: 160,
      render: (row: Row) => <Text className='progress-warning'>{(warnings.get(row.org.id) ?? []).map((w) => w.message).join('；') || '—'}</Text>,
    },
  ];

  return (
    <View className='admin-page' data-testid='progress-page'>
      <PageStatus loading={org.loading} error={org.error} onRetry={org.reload} testId='progress-page'>
        {detail ? (
          <>
            <OrgHeader org={detail} subtitle='录入进度' />
            <PageStatus loading={progress.loading} error={progress.error} onRetry={progress.reload} testId='progress'>
              {progress.data ? (
                <>
                  <View className='admin-section' data-testid='progress-levels'>
                    <View className='admin-section__head'>
                      <Text className='admin-section__title'>各级汇总</Text>
                    </View>
                    {progress.data.levels.length === 0 ? (
                      <View className='admin-card'>
                        <EmptyState title='暂无下级组织' />
                      </View>
                    ) : (
                      progress.data.levels.map((l) => (
                        <View key={l.level} className='admin-card progress-level' data-testid={`progress-level-${l.level}`}>
                          <View className='progress-level__head'>
                            <Text className='progress-level__name'>{levelName(l.level)}组织</Text>
                            <Text className='progress-level__count'>共 {l.orgs} 个</Text>
                          </View>
                          <View className='progress-level__stats'>
                            <Stat label='管理员已登录' value={l.adminLoggedIn} total={l.orgs} />
                            <Stat label='信息完整' value={l.infoComplete} total={l.orgs} />
                            <Stat label='已建下级' value={l.hasSubOrgs} total={l.orgs} />
                          </View>
                        </View>
                      ))
                    )}
                  </View>
                  {entry.data ? (
                    <View className='admin-section' data-testid='progress-entry'>
                      <View className='admin-card progress-total' data-testid='progress-total'>
                        <View className='progress-level__stats'>
                          <Stat label='团员' value={entry.data.total.members} />
                          <Stat label='团干部' value={entry.data.total.cadres} />
                          <Stat label='空团支部' value={entry.data.total.emptyBranches} total={entry.data.total.branches} />
                          <Stat label='无团干支部' value={entry.data.total.branchesWithoutCadres} total={entry.data.total.branches} />
                        </View>
                        <View className='progress-actions'>
                          <Button size='small' type='primary' loading={exporting} onClick={() => void exportExcel()} data-testid='progress-export'>
                            下载录入情况
                          </Button>
                          <Button size='small' onClick={() => void openPage(Routes.stats, { orgId })} data-testid='progress-stats'>
                            团员统计
                          </Button>
                        </View>
                        {error ? <Text className='admin-error'>{error}</Text> : null}
                      </View>
                      {entry.data.rows.length > 0 ? (
                        <>
                          <View className='admin-section__head'>
                            <Text className='admin-section__title'>直属下级组织（{entry.data.rows.length}）</Text>
                            <Text className='admin-muted'>点组织名查看其下级</Text>
                          </View>
                          <View className='admin-card progress-table' data-testid='progress-table'>
                            <Table columns={columns} data={entry.data.rows} striped />
                          </View>
                        </>
                      ) : null}
                    </View>
                  ) : (
                    <PageStatus loading={entry.loading} error={entry.error} onRetry={entry.reload} testId='progress-entry'>
                      {null}
                    </PageStatus>
                  )}
                </>
              ) : null}
            </PageStatus>
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}

function Stat({ label, value, total }: { label: string; value: number; total?: number }) {
  const percent = total ? Math.round((value / total) * 100) : 0;
  return (
    <View className='progress-stat'>
      <Text className='progress-stat__value'>
        {value}
        {total != null ? <Text className='progress-stat__total'>/{total}</Text> : null}
      </Text>
      <Text className='progress-stat__label'>{label}</Text>
      {total != null ? (
        <View className='progress-stat__bar'>
          <View className='progress-stat__fill' style={{ width: `${percent}%` }} />
        </View>
      ) : null}
    </View>
  );
}
