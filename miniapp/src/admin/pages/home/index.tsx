import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Cell } from '@nutui/nutui-react-taro';
import {
  BranchCategories,
  IndustryCategories,
  allowedChildTypes,
  todayInChina,
  canMarkGraduation,
  type IndustryCategory,
  isCommittee,
  isKeyOf,
  isRatedType,
  type OrgDetail,
  type OrgSummary,
} from '@tj/shared';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState } from '../../../components/empty-state';
import { InboxEntry } from '../../../components/inbox-entry';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { StatusTag } from '../../../components/status-tag';
import { useAsync } from '../../../hooks/use-async';
import { Routes, type Route } from '../../../routes';
import { toApiError } from '../../../services/api-error';
import { formatChinaTime } from '../../../services/audit';
import { deleteChild, fetchChildren, orgPathText, orgTypeOf } from '../../../services/orgs';
import { OrgFieldLabels, orgTypeLabel } from '../../../labels/org';
import { fetchArchiveSummary } from '../../../services/archives';
import { fetchProgressSummary, progressPromptKey } from '../../../services/stats';
import { decideAdminRequest, fetchAdminRequests, type AdminChangeRequest } from '../../../services/roster';
import { selectCanAdminister, useAppStore } from '../../../stores';
import { goBack, openPage } from '../../nav';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';
import './index.css';

interface Action {
  key: string;
  label: string;
  glyph: string;
  route: Route;
  query?: Record<string, string>;
}

/** The admin tools of §2 for this org; a 团支部 has no sub-orgs, so no tools for them. */
function actionsFor(org: OrgDetail): Action[] {
  const canHaveChildren = allowedChildTypes(orgTypeOf(org)).length > 0;
  const all: (Action | false)[] = [
    canHaveChildren && { key: 'create', label: '新建下级组织', glyph: '建', route: Routes.adminOrgForm, query: { mode: 'create' } },
    canHaveChildren && { key: 'import', label: '批量导入', glyph: '导', route: Routes.adminImport, query: { kind: 'orgs' } },
    canHaveChildren && { key: 'codes', label: '管理员注册码', glyph: '码', route: Routes.adminCodes },
    { key: 'reviews', label: '资料审核', glyph: '审', route: Routes.cadreReviews },
    { key: 'tasks', label: '操作中心', glyph: '办', route: Routes.cadreTasks },
    { key: 'transfers', label: '组织关系转接', glyph: '转', route: Routes.cadreTransfers },
    { key: 'roster', label: '团干部名册', glyph: '册', route: Routes.adminRoster },
    { key: 'qr', label: '二维码', glyph: '扫', route: Routes.adminQr },
    canHaveChildren && { key: 'progress', label: '录入进度', glyph: '进', route: Routes.adminProgress },
    canHaveChildren && { key: 'stats', label: '团员统计', glyph: '统', route: Routes.stats },
    canHaveChildren && { key: 'twoSystems', label: '两制', glyph: '籍', route: Routes.adminTwoSystems },
    canHaveChildren && { key: 'twoSystemsApprovals', label: '团籍注册审批', glyph: '批', route: Routes.adminTwoSystemsApprovals },
    !canHaveChildren && { key: 'twoSystemsBranch', label: '团籍注册/评议', glyph: '籍', route: Routes.cadreTwoSystems },
    // 对标定级 [004 §二(五)]: 团（总）支部 rate themselves, committees review, anyone with sub-orgs follows progress
    isRatedType(orgTypeOf(org)) && { key: 'rating', label: '对标定级自评', glyph: '星', route: Routes.adminRating },
    isCommittee(orgTypeOf(org)) && { key: 'ratingReview', label: '对标定级复核', glyph: '评', route: Routes.adminRatingReview },
    canHaveChildren && { key: 'ratingProgress', label: '定级进度', glyph: '级', route: Routes.adminRatingProgress },
    { key: 'orgLife', label: '三会一课·团日', glyph: '会', route: Routes.cadreOrgLife },
    { key: 'audit', label: '操作日志', glyph: '志', route: Routes.adminAudit },
    { key: 'resetCodes', label: '密码重置码', glyph: '钥', route: Routes.adminResetCodes },
    // [004 §二(二)2(2)] not shown at all outside 学校领域's committees and 团总支
    canMarkGraduation({ type: orgTypeOf(org), industry: org.industry as IndustryCategory }) && { key: 'graduation', label: '毕业班管理', glyph: '毕', route: Routes.adminGraduation },
    { key: 'membership', label: '团籍管理', glyph: '籍', route: Routes.adminMembership },
    // issue 16 part 5 [004 §二(一)]: members entered by admins (a 团支部 enters, orgs above follow)
    { key: 'enteredMembers', label: '录入团员', glyph: '录', route: Routes.adminEnteredMembers },
    // issue 16 B1: a leading organ above schools corrects the marks its subordinates made
    orgTypeOf(org) === 'leadingOrgan' && { key: 'graduationCorrect', label: '毕业时间更正', glyph: '毕', route: Routes.adminGraduation },
    { key: 'archives', label: '团员电子档案', glyph: '档', route: Routes.adminArchives },
    isCommittee(orgTypeOf(org)) && { key: 'archiveApprovals', label: '电子档案审批', glyph: '批', route: Routes.adminArchiveApprovals },
    // [004 §一(一)1] 由省团委进行编辑: only the root of the tree (the province) decides corrections
    !org.parentId && orgTypeOf(org) === 'leadingOrgan' && { key: 'identityCorrections', label: '身份信息更正', glyph: '正', route: Routes.adminIdentityCorrections },
    // [004 §一 2] 工作通知: committees publish to their subtree and follow who read it
    isCommittee(orgTypeOf(org)) && { key: 'noticePublish', label: '发布工作通知', glyph: '通', route: Routes.adminNoticePublish },
    isCommittee(orgTypeOf(org)) && { key: 'notices', label: '已发通知', glyph: '阅', route: Routes.adminNotices },
    { key: 'edit', label: '编辑组织信息', glyph: '编', route: Routes.adminOrgForm, query: { mode: 'edit' } },
  ];
  return all.filter((a): a is Action => a !== false);
}

const labelOf = (labels: Readonly<Record<string, string>>, key: string | null) => (key && isKeyOf(labels, key) ? labels[key] : (key ?? ''));

export default function AdminHomePage() {
  const { allowed, orgId, org } = useOrgPage();
  const canAdminister = useAppStore(selectCanAdminister);
  const homeOrgId = useAppStore((s) => s.homeOrgId);
  const myOrgCount = useAppStore((s) => s.myOrgs.length);
  const children = useAsync(allowed && orgId ? () => fetchChildren(orgId) : null, [allowed, orgId]);
  const requests = useAsync(allowed && orgId && canAdminister ? () => fetchAdminRequests(orgId) : null, [allowed, orgId, canAdminister]);
  // [004 §二(四)4(5)(iii)] 组织内有团员身份尚未认证 — shown until every 2020+ member is certified
  const archives = useAsync(allowed && orgId && canAdminister ? () => fetchArchiveSummary(orgId) : null, [allowed, orgId, canAdminister]);
  const [confirmDelete, setConfirmDelete] = useState(false);
  // [004 §二(一)4] what is missing below, popped up at most once a day per org (the day is kept on the device)
  const [prompt, setPrompt] = useState<string | null>(null);
  useEffect(() => {
    if (!allowed || !orgId || !canAdminister) return;
    const key = progressPromptKey(orgId);
    const today = todayInChina();
    if (Taro.getStorageSync(key) === today) return;
    let live = true;
    void fetchProgressSummary(orgId)
      .then((s) => {
        if (!live || !s.incomplete || !s.message) return;
        Taro.setStorageSync(key, today);
        setPrompt(s.message);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [allowed, orgId, canAdminister]);
  const [actionError, setActionError] = useState('');

  // Coming back from a form or an import: show what changed (not on the first show).
  const shown = useRef(false);
  useDidShow(() => {
    if (!shown.current) {
      shown.current = true;
      return;
    }
    void org.reload();
    void children.reload();
    void requests.reload();
    void archives.reload();
  });

  if (!allowed) return null;
  if (!orgId) {
    return (
      <View className='admin-page'>
        <EmptyState title='尚未选择团组织' description='请从“我的团组织”进入组织管理'>
          <Button type='primary' onClick={() => Taro.reLaunch({ url: Routes.status })}>
            返回
          </Button>
        </EmptyState>
      </View>
    );
  }

  const detail = org.data;
  const isSubOrg = Boolean(detail && homeOrgId && detail.id !== homeOrgId && detail.parentId);
  const items = children.data ?? [];

  const remove = async () => {
    if (!detail?.parentId) return;
    setActionError('');
    try {
      await deleteChild(detail.parentId, detail.id);
      void Taro.showToast({ title: '已删除', icon: 'success' });
      await goBack(Routes.adminHome, { orgId: detail.parentId });
    } catch (e) {
      setActionError(toApiError(e).message);
    }
  };

  return (
    <View className='admin-page admin-home' data-testid='admin-home'>
      <PageStatus loading={org.loading && !detail} error={org.error} onRetry={org.reload} testId='admin-home'>
        {detail ? (
          <>
            <OrgHeader org={detail}>
              <View className='admin-home__nav'>
                {isSubOrg ? (
                  <Text className='admin-home__link' onClick={() => goBack(Routes.adminHome, { orgId: detail.parentId ?? undefined })} data-testid='home-up'>
                    ‹ 返回上级组织
                  </Text>
                ) : null}
                {!isSubOrg && myOrgCount > 1 ? (
                  <Text className='admin-home__link' onClick={() => Taro.reLaunch({ url: Routes.status })} data-testid='home-switch'>
                    切换组织
                  </Text>
                ) : null}
              </View>
            </OrgHeader>
            {isSubOrg ? null : <InboxEntry testId='home-inbox' />}

            <View className='admin-section'>
              <View className='admin-section__head'>
                <Text className='admin-section__title'>组织信息</Text>
                {detail.infoComplete ? (
                  <StatusTag tone='green' testId='home-info-complete'>
                    信息完整
                  </StatusTag>
                ) : (
                  <StatusTag tone='orange' testId='home-info-incomplete'>
                    信息待完善
                  </StatusTag>
                )}
              </View>
              <Cell.Group>
                <Cell title='组织类别' extra={orgTypeLabel(detail.type)} />
                <Cell title='行业类别' extra={labelOf(IndustryCategories, detail.industry)} />
                {detail.branchCategory ? <Cell title='团支部类别' extra={labelOf(BranchCategories, detail.branchCategory)} /> : null}
                <Cell title='书记' extra={detail.secretaryName ? `${detail.secretaryName}${detail.secretaryPhone ? ` ${detail.secretaryPhone}` : ''}` : '未填写'} />
                {detail.missingFields.length > 0 ? (
                  <Cell
                    title='待补充'
                    description={<Text data-testid='home-missing'>{detail.missingFields.map((f) => (isKeyOf(OrgFieldLabels, f) ? OrgFieldLabels[f] : f)).join('、')}</Text>}
                  />
                ) : null}
                {!detail.infoComplete && detail.missingFields.length === 0 ? <Cell title='待完成' description='书记尚未使用手机号注册登录' /> : null}
              </Cell.Group>
            </View>

            {prompt ? (
              // a notice, not a modal: it must never stand between an admin and their tools
              <View className='admin-notice home-progress-prompt' data-testid='progress-prompt'>
                <Text onClick={() => openPage(Routes.adminProgress, { orgId: detail.id })}>{prompt} 查看录入进度 ›</Text>
                <Text className='home-progress-prompt__close' onClick={() => setPrompt(null)} data-testid='progress-prompt-close'>
                  ×
                </Text>
              </View>
            ) : null}
            {archives.data?.prompt ? (
              <View className='admin-notice' onClick={() => openPage(Routes.adminArchives, { orgId: detail.id, state: 'uncertified' })} data-testid='home-archive-prompt'>
                {archives.data.prompt} ›
              </View>
            ) : null}
            {archives.data && archives.data.toApprove > 0 ? (
              <View className='admin-notice' onClick={() => openPage(Routes.adminArchiveApprovals, { orgId: detail.id })} data-testid='home-archive-approvals'>
                有{archives.data.toApprove}份团员电子档案等待审批 ›
              </View>
            ) : null}

            {canAdminister ? (
              <View className='admin-section'>
                <View className='admin-section__head'>
                  <Text className='admin-section__title'>组织管理</Text>
                </View>
                <View className='admin-card admin-home__grid'>
                  {actionsFor(detail).map((a) => (
                    <View key={a.key} className='admin-home__tile' onClick={() => openPage(a.route, { orgId: detail.id, ...a.query })} data-testid={`action-${a.key}`}>
                      <View className={`admin-home__glyph admin-home__glyph--${a.key}`}>{a.glyph}</View>
                      <Text className='admin-home__tile-label'>{a.label}</Text>
                    </View>
                  ))}
                </View>
              </View>
            ) : null}

            {requests.data && requests.data.length > 0 ? <AdminRequests orgId={detail.id} items={requests.data} onDecided={requests.reload} /> : null}

            {allowedChildTypes(orgTypeOf(detail)).length > 0 ? (
              <SubOrgList
                items={items}
                loading={children.loading && !children.data}
                error={children.error?.message}
                onOpen={(child) => openPage(Routes.adminHome, { orgId: child.id })}
                onCreate={canAdminister ? () => openPage(Routes.adminOrgForm, { orgId: detail.id, mode: 'create' }) : undefined}
              />
            ) : null}

            {actionError ? (
              <View className='admin-error' data-testid='home-error'>
                {actionError}
              </View>
            ) : null}

            {canAdminister && isSubOrg && detail.childCount === 0 ? (
              <View className='admin-actions'>
                <Button type='danger' fill='outline' onClick={() => setConfirmDelete(true)} data-testid='home-delete'>
                  删除本组织
                </Button>
              </View>
            ) : null}
            <ConfirmDialog
              visible={confirmDelete}
              title='删除组织'
              content={`确定删除“${detail.fullName}”吗？只能删除没有下级组织、团干部和团员的空组织，删除后不可恢复。`}
              confirmText='删除'
              onConfirm={remove}
              onClose={() => setConfirmDelete(false)}
            />
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}

interface SubOrgListProps {
  items: OrgSummary[];
  loading: boolean;
  error?: string;
  onOpen: (org: OrgSummary) => void;
  onCreate?: () => void;
}

/** 下级组织: full name, path and size of each, so the right one is easy to pick (§10). */
function SubOrgList({ items, loading, error, onOpen, onCreate }: SubOrgListProps) {
  return (
    <View className='admin-section' data-testid='sub-orgs'>
      <View className='admin-section__head'>
        <Text className='admin-section__title' data-testid='sub-orgs-title'>
          下级组织{loading ? '' : `（${items.length}）`}
        </Text>
      </View>
      {error ? <View className='admin-error'>{error}</View> : null}
      {!loading && !error && items.length === 0 ? (
        <View className='admin-card'>
          <EmptyState title='暂无下级组织' description={onCreate ? '可逐个新建，或使用 Excel 批量导入' : undefined}>
            {onCreate ? (
              <Button size='small' type='primary' onClick={onCreate} data-testid='sub-orgs-create'>
                新建下级组织
              </Button>
            ) : null}
          </EmptyState>
        </View>
      ) : null}
      {items.length > 0 ? (
        <View className='admin-card'>
          {items.map((child) => (
            <View key={child.id} className='sub-org' onClick={() => onOpen(child)} data-testid={`sub-org-${child.id}`}>
              <View className='sub-org__main'>
                <Text className='sub-org__name'>{child.fullName}</Text>
                <Text className='sub-org__meta'>
                  {child.alias || child.shortName} · {orgTypeLabel(child.type)}
                  {child.childCount > 0 ? ` · 下级组织 ${child.childCount} 个` : ''}
                </Text>
                <Text className='sub-org__path'>{orgPathText(child, false)}</Text>
              </View>
              <Text className='sub-org__arrow'>›</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

/** §3.4 a subordinate admin adding/removing an admin of its own org waits for us. */
function AdminRequests({ orgId, items, onDecided }: { orgId: string; items: AdminChangeRequest[]; onDecided: () => Promise<void> }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState('');
  const decide = async (request: AdminChangeRequest, approve: boolean) => {
    setBusy(request.id);
    setError('');
    try {
      await decideAdminRequest(orgId, request.id, approve);
      await onDecided();
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <View className='admin-section' data-testid='admin-requests'>
      <View className='admin-section__head'>
        <Text className='admin-section__title'>待审批的管理员变更（{items.length}）</Text>
      </View>
      {error ? <View className='admin-error'>{error}</View> : null}
      <View className='admin-card'>
        {items.map((r) => (
          <View key={r.id} className='tj-list-row admin-request' data-testid={`admin-request-${r.id}`}>
            <Text className='admin-request__text'>
              {r.orgName}：{r.makeAdmin ? '申请将' : '申请取消'}“{r.cadreName}”{r.makeAdmin ? '设为管理员' : '的管理员权限'}
            </Text>
            <View className='admin-request__foot'>
              <Text className='admin-muted'>{formatChinaTime(r.requestedAt)}</Text>
              <View className='admin-request__buttons'>
                <Button size='mini' disabled={busy !== null} onClick={() => decide(r, false)} data-testid={`admin-request-reject-${r.id}`}>
                  不同意
                </Button>
                <Button size='mini' type='primary' loading={busy === r.id} disabled={busy !== null} onClick={() => decide(r, true)} data-testid={`admin-request-approve-${r.id}`}>
                  同意
                </Button>
              </View>
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
