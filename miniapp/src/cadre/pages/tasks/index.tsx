import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { EmptyState } from '../../../components/empty-state';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { StatusTag } from '../../../components/status-tag';
import { useAsync } from '../../../hooks/use-async';
import { formatTime } from '../../../services/review';
import { fetchTasks, taskUrl } from '../../../services/tasks';
import { deadlineText } from '../../../services/transfers';
import { useTransferOrg } from '../../use-transfer-org';
import { OrgSwitch } from '../../components/org-switch';
import '../../cadre.css';
import './index.css';

/** 操作中心 (§1): everything waiting for this org, oldest first, each opening its page. */
export default function TasksPage() {
  const { allowed, orgId, org } = useTransferOrg();
  const list = useAsync(allowed && orgId ? () => fetchTasks(orgId) : null, [allowed, orgId]);
  useDidShow(() => {
    if (list.data) void list.reload();
  });
  if (!allowed) return null;
  const items = list.data?.items ?? [];
  return (
    <View className='cadre-page' data-testid='tasks-page'>
      <OrgSwitch org={org.data ?? null} />
      {org.data ? <OrgHeader org={org.data} subtitle={`操作中心 · 待办${list.data?.total ?? 0}项`} /> : null}
      <PageStatus loading={list.loading && !list.data} error={list.error} onRetry={list.reload} testId='tasks'>
        {items.length === 0 ? (
          <EmptyState title='暂无待办事项' />
        ) : (
          items.map((task, i) => {
            const url = taskUrl(task);
            return (
              <View key={`${task.kind}-${task.id}`} className='task' onClick={url ? () => void Taro.navigateTo({ url }) : undefined} data-testid={`tasks-item-${i}`}>
                <View className='task__head'>
                  <StatusTag tone={task.kind === 'checkinReview' ? 'blue' : task.kind === 'transferAppeal' ? 'orange' : 'red'}>{task.kindLabel}</StatusTag>
                  {task.overdue ? <StatusTag tone='red'>逾期</StatusTag> : null}
                </View>
                <Text className='task__title'>{task.title}</Text>
                {task.subtitle ? <Text className='cadre-muted'>{task.subtitle}</Text> : null}
                <Text className='cadre-muted'>
                  {formatTime(task.since)}起{task.deadline ? ` · ${deadlineText(task.deadline)}` : ''}
                </Text>
                {!url ? <Text className='cadre-muted'>请在电脑端办理</Text> : null}
              </View>
            );
          })
        )}
      </PageStatus>
    </View>
  );
}
