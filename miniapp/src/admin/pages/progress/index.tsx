import { Text, View } from '@tarojs/components';
import { Table } from '@nutui/nutui-react-taro';
import type { Progress } from '@tj/shared';
import { EmptyState } from '../../../components/empty-state';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { useAsync } from '../../../hooks/use-async';
import { Routes } from '../../../routes';
import { fetchProgress } from '../../../services/orgs';
import { openPage } from '../../nav';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';
import './index.css';

type Row = Progress['rows'][number];

const LEVEL_NAMES = ['直属下级', '第二级', '第三级', '第四级', '第五级', '第六级', '第七级'];
const levelName = (level: number) => LEVEL_NAMES[level - 1] ?? `第${level}级`;

const mark = (ok: boolean) => <Text className={ok ? 'progress-yes' : 'progress-no'}>{ok ? '是' : '否'}</Text>;

/** §3.4 录入进度: per level below this org, and per direct subordinate (§10 counters). */
export default function ProgressPage() {
  const { allowed, orgId, org } = useOrgPage();
  const progress = useAsync(allowed && orgId ? () => fetchProgress(orgId) : null, [allowed, orgId]);

  if (!allowed) return null;
  const detail = org.data;

  const columns = [
    {
      key: 'org',
      title: '下级组织',
      fixed: 'left' as const,
      width: 136,
      render: (row: Row) => (
        <Text className='progress-org' onClick={() => openPage(Routes.adminHome, { orgId: row.org.id })}>
          {row.org.alias || row.org.shortName}
        </Text>
      ),
    },
    { key: 'adminLoggedIn', title: '管理员登录', width: 80, render: (row: Row) => mark(row.adminLoggedIn) },
    { key: 'infoComplete', title: '信息完整', width: 72, render: (row: Row) => mark(row.infoComplete) },
    { key: 'hasSubOrgs', title: '已建下级', width: 72, render: (row: Row) => mark(row.hasSubOrgs) },
    { key: 'membersCheckedIn', title: '团员报到', width: 72, render: (row: Row) => String(row.membersCheckedIn) },
    { key: 'cadresEntered', title: '团干录入', width: 72, render: (row: Row) => String(row.cadresEntered) },
    { key: 'cadresOnboarded', title: '团干入驻', width: 72, render: (row: Row) => String(row.cadresOnboarded) },
    { key: 'emptyBranches', title: '空支部', width: 64, render: (row: Row) => String(row.emptyBranches) },
    // 002 §二 / 004 entry standard: a warning, never a refusal
    {
      key: 'sizeWarnings',
      title: '规模提示',
      width: 160,
      render: (row: Row) => <Text className='progress-warning'>{(row.sizeWarnings ?? []).map((w) => w.message).join('；') || '—'}</Text>,
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
                  {progress.data.rows.length > 0 ? (
                    <View className='admin-section'>
                      <View className='admin-section__head'>
                        <Text className='admin-section__title'>直属下级组织（{progress.data.rows.length}）</Text>
                        <Text className='admin-muted'>左右滑动查看更多</Text>
                      </View>
                      <View className='admin-card progress-table' data-testid='progress-table'>
                        <Table columns={columns} data={progress.data.rows} striped />
                      </View>
                    </View>
                  ) : null}
                </>
              ) : null}
            </PageStatus>
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}

function Stat({ label, value, total }: { label: string; value: number; total: number }) {
  const percent = total > 0 ? Math.round((value / total) * 100) : 0;
  return (
    <View className='progress-stat'>
      <Text className='progress-stat__value'>
        {value}
        <Text className='progress-stat__total'>/{total}</Text>
      </Text>
      <Text className='progress-stat__label'>{label}</Text>
      <View className='progress-stat__bar'>
        <View className='progress-stat__fill' style={{ width: `${percent}%` }} />
      </View>
    </View>
  );
}
