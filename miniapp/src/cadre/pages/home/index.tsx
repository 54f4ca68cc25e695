import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Empty } from '@nutui/nutui-react-taro';
import { Positions, isKeyOf } from '@tj/shared';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { SelectField } from '../../../components/form-field';
import { StatusTag } from '../../../components/status-tag';
import { useAsync } from '../../../hooks/use-async';
import { Routes, withQuery } from '../../../routes';
import { fetchWaitingCount } from '../../../services/review';
import { useAppStore } from '../../../stores';
import { useCurrentOrg } from '../../use-current-org';
import { TransferEntries } from '../../components/transfer-entries';
import '../../cadre.css';
import './index.css';

/**
 * The cadre's workbench for the current org (§6.5–6.6): switch among my orgs, and for
 * operators 资料审核 with the number of check-ins and edits waiting [§10 dashboard counters].
 */
export default function CadreHomePage() {
  const { allowed, orgId, org, myOrgs, loading } = useCurrentOrg();
  const enterOrg = useAppStore((s) => s.enterOrg);
  const canReview = !!org && (org.isOperator || org.isAdmin);
  const count = useAsync(allowed && canReview && orgId ? () => fetchWaitingCount(orgId) : null, [allowed, canReview, orgId]);

  useDidShow(() => {
    if (canReview && count.data !== undefined) void count.reload();
  });

  if (!allowed) return null;

  const go = (url: string) => void Taro.navigateTo({ url });
  // §6.6 queries (cadre/pages/members, cadres, org); chat comes later.
  const queries = [
    { name: '团员查询', route: Routes.cadreMembers },
    { name: '团干部查询', route: Routes.cadreCadres },
    { name: '组织信息', route: Routes.cadreOrgInfo },
  ];
  const later = ['团干部交流'];

  return (
    <View className='cadre-page' data-testid='cadre-home'>
      <PageStatus loading={loading} error={null}>
        {!org ? (
          <Empty title='您还没有团组织职务' description='被组织录入团干部名册并入驻后，可在这里办理组织工作' />
        ) : (
          <>
            <OrgHeader org={org} subtitle={isKeyOf(Positions, org.position) ? `我的职务：${Positions[org.position]}` : undefined} />
            {myOrgs.length > 1 ? (
              <View className='cadre-switch'>
                <SelectField
                  label='切换组织'
                  value={org.id}
                  options={myOrgs.map((o) => ({ value: o.id, label: o.alias || o.shortName }))}
                  onChange={(id) => {
                    enterOrg(id);
                    void Taro.redirectTo({ url: withQuery(Routes.cadreHome, { orgId: id }) });
                  }}
                  testId='cadre-switch-org'
                />
              </View>
            ) : null}

            {canReview ? (
              <View className='cadre-card cadre-review' onClick={() => go(withQuery(Routes.cadreReviews, { orgId: org.id }))} data-testid='cadre-review-entry'>
                <View className='cadre-review__main'>
                  <Text className='cadre-review__title'>资料审核</Text>
                  <Text className='cadre-muted'>审核团员报到和修改的认证资料</Text>
                </View>
                <View className='cadre-review__count'>
                  <Text className='cadre-review__num' data-testid='cadre-waiting-count'>
                    {count.data ?? '–'}
                  </Text>
                  <Text className='cadre-muted'>待审核</Text>
                </View>
              </View>
            ) : (
              <View className='cadre-notice'>您不是本组织的运营者，不能审核团员资料。如需审核，请联系本组织管理员设置。</View>
            )}
            {count.error ? <View className='tj-form-error'>{count.error.message}</View> : null}
            {canReview ? <TransferEntries orgId={org.id} /> : null}

            <View className='cadre-card'>
              <Text className='cadre-card__title'>组织工作</Text>
              <View className='cadre-later'>
                {queries.map((q) => (
                  <View key={q.name} className='cadre-later__item' onClick={() => go(withQuery(q.route, { orgId: org.id }))} data-testid={`cadre-query-${q.route.split('/')[3]}`}>
                    <Text className='cadre-later__name cadre-later__name--open'>{q.name}</Text>
                    <Text className='cadre-link'>查看 ›</Text>
                  </View>
                ))}
                {later.map((name) => (
                  <View key={name} className='cadre-later__item'>
                    <Text className='cadre-later__name'>{name}</Text>
                    <StatusTag tone='gray'>即将开放</StatusTag>
                  </View>
                ))}
              </View>
            </View>
          </>
        )}
      </PageStatus>
    </View>
  );
}
