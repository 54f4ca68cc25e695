import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { BranchCategories, IndustryCategories, isKeyOf } from '@tj/shared';
import { EmptyState } from '../../../components/empty-state';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { useAsync } from '../../../hooks/use-async';
import { Routes, withQuery } from '../../../routes';
import { fetchChildren, fetchOrg } from '../../../services/orgs';
import { orgTypeLabel } from '../../../labels/org';
import { OrgSwitch } from '../../components/org-switch';
import { useCurrentOrg } from '../../use-current-org';
import '../../cadre.css';
import '../../components/list.css';
import './index.css';

/**
 * §6.6 组织信息 of the current org, or of an org below it (?targetId=, the cadre's reach is
 * the subtree), with its sub-orgs; tapping one opens the same page for it.
 */
export default function CadreOrgInfoPage() {
  const { allowed, orgId, org: mine, params } = useCurrentOrg({ strict: true });
  const targetId = params.targetId || orgId;
  const detail = useAsync(allowed && targetId ? () => Promise.all([fetchOrg(targetId), fetchChildren(targetId)]) : null, [allowed, targetId]);

  if (!allowed) return null;
  const [org, children] = detail.data ?? [];

  const rows = org
    ? [
        ['组织类别', orgTypeLabel(org.type)],
        ['组织代称', org.alias ?? '未设置'],
        ...(org.branchCategory ? [['团支部类别', isKeyOf(BranchCategories, org.branchCategory) ? BranchCategories[org.branchCategory] : org.branchCategory]] : []),
        ['所属行业', isKeyOf(IndustryCategories, org.industry) ? IndustryCategories[org.industry] : (org.industry ?? '未填写')],
        ['书记', org.secretaryName ?? '未填写'],
        ['书记手机', org.secretaryPhone ?? '未填写'],
        ...(org.contactPhone ? [['联系电话', org.contactPhone]] : []),
      ]
    : [];

  return (
    <View className='cadre-page' data-testid='cadre-org-info'>
      <OrgSwitch org={mine} />
      <PageStatus loading={detail.loading && !org} error={detail.error} onRetry={() => void detail.reload()} testId='org-info'>
        {org ? (
          <>
            <OrgHeader org={org} />
            <View className='tj-card'>
              {rows.map(([label, value]) => (
                <View key={label} className='org-info-row'>
                  <Text className='org-info-row__label'>{label}</Text>
                  <Text className='org-info-row__value'>{value}</Text>
                </View>
              ))}
            </View>
            <Text className='org-info-section'>下级组织（{children?.length ?? 0}）</Text>
            {children?.length ? (
              <View className='cadre-list'>
                {children.map((c) => (
                  <View
                    key={c.id}
                    className='tj-list-row cadre-row org-info-child'
                    onClick={() => void Taro.navigateTo({ url: withQuery(Routes.cadreOrgInfo, { orgId, targetId: c.id }) })}
                    data-testid={`org-info-child-${c.id}`}
                  >
                    <View className='org-info-child__main'>
                      <Text className='cadre-row__name'>{c.alias || c.shortName}</Text>
                      <Text className='cadre-muted'>
                        {orgTypeLabel(c.type)}
                        {c.childCount ? ` · 下级${c.childCount}个` : ''}
                      </Text>
                    </View>
                    <Text className='org-info-child__arrow'>›</Text>
                  </View>
                ))}
              </View>
            ) : (
              <EmptyState title='没有下级组织' />
            )}
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
