import { Text, View } from '@tarojs/components';
import { EmptyState } from '../../../components/empty-state';
import { PageStatus } from '../../../components/page-status';
import { StatusTag } from '../../../components/status-tag';
import { kindLabel, outcomeLabel, outcomeTone } from '../../../components/two-systems';
import { useAsync } from '../../../hooks/use-async';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { fetchMyTwoSystems } from '../../../services/two-systems';
import '../../member.css';
import './index.css';

/** 我的两制 [004 §一 3 "点击“团员教育评议/年度团籍注册”即可查看团员“两制”完成情况"]: by year. */
export default function MyTwoSystemsPage() {
  const allowed = useRequireLogin();
  const records = useAsync(allowed ? fetchMyTwoSystems : null, [allowed]);
  if (!allowed) return null;
  const years = [...new Set((records.data ?? []).map((r) => r.year))];
  return (
    <View className='member-page' data-testid='my-two-systems'>
      <PageStatus loading={records.loading} error={records.error} onRetry={records.reload} testId='my-two-systems'>
        {records.data && records.data.length === 0 ? <EmptyState title='暂无记录' description='团支部办理并经上级审批后，在此查看每年的团籍注册和教育评议结果' /> : null}
        {years.map((year) => (
          <View key={year} className='my-ts-year' data-testid={`my-ts-${year}`}>
            <Text className='my-ts-year__title'>{year} 年度</Text>
            {records
              .data!.filter((r) => r.year === year)
              .map((r) => (
                <View key={r.kind} className='my-ts-row'>
                  <View className='my-ts-row__main'>
                    <Text className='my-ts-row__kind'>{kindLabel(r.kind)}</Text>
                    <Text className='my-ts-row__meta'>
                      {r.branchName} · {r.state === 'approved' ? '上级已审批' : r.state === 'returned' ? '上级退回，团支部修改中' : '待上级审批'}
                    </Text>
                    {r.reason ? <Text className='my-ts-row__meta'>原因：{r.reason}</Text> : null}
                  </View>
                  <StatusTag tone={outcomeTone(r.outcome)} testId={`my-ts-${year}-${r.kind}`}>
                    {outcomeLabel(r.outcome)}
                  </StatusTag>
                </View>
              ))}
          </View>
        ))}
      </PageStatus>
    </View>
  );
}
