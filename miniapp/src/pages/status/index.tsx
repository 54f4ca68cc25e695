import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { Positions, isKeyOf, transferredOutText, type MyOrg } from '@tj/shared';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { FormError } from '../../components/form-field/errors';
import { OrgPath } from '../../components/org-path';
import { PageStatus } from '../../components/page-status';
import { StatusTag } from '../../components/status-tag';
import { useAsync } from '../../hooks/use-async';
import { useRequireLogin } from '../../hooks/use-require-login';
import { Routes, withQuery } from '../../routes';
import { toApiError } from '../../services/api-error';
import { isApproved, realNameExplanation, type MyCheckin } from '../../services/checkin';
import { checkinStatusLabel, realNameLabel, realNameTone } from '../../labels/checkin';
import { restartAt } from '../../services/navigation';
import { orgPathText } from '../../services/orgs';
import { formatTime } from '../../services/review';
import { useAppStore } from '../../stores';
import './index.css';

/**
 * §4.1 step 4: until the check-in is approved this is the member's only page — the state
 * in words, what happens next, and the one thing they can do (撤回, 修改后重新提交, 编辑).
 * Approved members go on to the member home. Cadres also reach their orgs from here.
 */
export default function StatusPage() {
  const allowed = useRequireLogin();
  const user = useAppStore((s) => s.user);
  const logout = useAppStore((s) => s.logout);
  const myOrgs = useAppStore((s) => s.myOrgs);
  const loadMyOrgs = useAppStore((s) => s.loadMyOrgs);
  const enterOrg = useAppStore((s) => s.enterOrg);
  const loadCheckin = useAppStore((s) => s.loadCheckin);
  const withdraw = useAppStore((s) => s.withdrawCheckin);
  const hasChosenBranch = useAppStore((s) => s.chosenBranch !== null);
  const state = useAsync(allowed ? loadCheckin : null, [allowed]);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    // Cadres and admins also get a way into their orgs; a member simply has none.
    if (allowed) void loadMyOrgs().catch(() => undefined);
  }, [allowed, loadMyOrgs]);

  useDidShow(() => {
    if (allowed && state.data) void state.reload();
  });

  const checkin = state.data;
  useEffect(() => {
    if (!checkin) return;
    if (isApproved(checkin)) void restartAt(Routes.memberHome);
    // Chosen by a QR or the search before logging in: go on with the form (§4.1 step 2 → 3).
    else if (checkin.status === null && hasChosenBranch) void Taro.redirectTo({ url: Routes.memberCheckin });
  }, [checkin, hasChosenBranch]);

  if (!allowed || !user) return null;

  const onLogout = () => {
    logout();
    void restartAt(Routes.login);
  };

  const open = (org: MyOrg) => {
    enterOrg(org.id);
    void Taro.navigateTo({ url: org.isAdmin ? withQuery(Routes.adminHome, { orgId: org.id }) : withQuery(Routes.cadreHome, { orgId: org.id }) });
  };

  const doWithdraw = async () => {
    setError('');
    try {
      await withdraw();
      await state.reload();
      setConfirming(false);
    } catch (e) {
      setConfirming(false);
      setError(toApiError(e).message);
    }
  };

  return (
    <View className='status-page' data-testid='status-page'>
      <PageStatus loading={state.loading && !checkin} error={state.error} onRetry={state.reload} testId='status'>
        {checkin ? <CheckinState checkin={checkin} onWithdraw={() => setConfirming(true)} /> : null}
        <FormError message={error} testId='status-error' />
      </PageStatus>

      {myOrgs.length > 0 ? (
        <Cell.Group title='我的团组织'>
          {myOrgs.map((org) => (
            <Cell
              key={org.id}
              clickable
              align='center'
              onClick={() => open(org)}
              title={
                <View className='status-org' data-testid={`status-org-${org.id}`}>
                  <Text className='status-org__name'>{org.alias || org.shortName}</Text>
                  {org.isAdmin ? <StatusTag tone='red'>管理员</StatusTag> : org.isOperator ? <StatusTag tone='blue'>运营者</StatusTag> : null}
                </View>
              }
              description={[isKeyOf(Positions, org.position) ? Positions[org.position] : org.position, orgPathText(org, false)].filter(Boolean).join(' · ')}
              extra={<Text className='status-org__go'>{org.isAdmin ? '组织管理 ›' : '进入 ›'}</Text>}
            />
          ))}
        </Cell.Group>
      ) : null}

      <Cell.Group title='当前账号'>
        <Cell title='手机号' extra={<Text data-testid='status-phone'>{user.phone}</Text>} />
        <Cell clickable title={<Text data-testid='status-settings'>账号设置</Text>} description='修改密码' extra='›' onClick={() => void Taro.navigateTo({ url: Routes.accountSettings })} />
        {checkin && (checkin.status === null || checkin.status === 'withdrawn' || checkin.status === 'returned') ? (
          <Cell
            clickable
            title={<Text data-testid='status-claim'>认领团员信息</Text>}
            description='团组织已录入您的团员信息？实名验证后认领，无需重新报到'
            extra='›'
            onClick={() => void Taro.navigateTo({ url: Routes.memberClaim })}
          />
        ) : null}
        <Cell
          clickable
          title={<Text data-testid='status-admin-register'>组织管理员注册</Text>}
          description='已收到上级团组织发放的管理员注册码'
          extra='›'
          onClick={() => void Taro.navigateTo({ url: Routes.adminRegister })}
        />
      </Cell.Group>
      <View className='status-actions'>
        <Button block type='default' onClick={onLogout} data-testid='logout'>
          退出登录
        </Button>
      </View>

      <ConfirmDialog
        visible={confirming}
        title='撤回报到资料'
        content='撤回后可以修改认证资料或更换报到的团支部，修改后需重新提交审核。确定撤回吗？'
        confirmText='撤回'
        onConfirm={doWithdraw}
        onClose={() => setConfirming(false)}
      />
    </View>
  );
}

const NEXT_STEPS: Partial<Record<NonNullable<MyCheckin['status']>, string>> = {
  submitted: '团支部审核通过后，报到即完成，您就可以使用团员功能。审核前如需修改资料或更换团支部，可先撤回。',
  returned: '请根据退回原因修改认证资料后重新提交。',
  withdrawn: '您已撤回报到资料，修改资料或更换团支部后请重新提交。',
};

function CheckinState({ checkin, onWithdraw }: { checkin: MyCheckin; onWithdraw: () => void }) {
  const status = checkin.status;
  const go = (url: string) => void Taro.navigateTo({ url });
  const started = checkin.resumeStep !== 'identity';
  return (
    <View data-testid='status-checkin' data-status={status ?? 'none'}>
      <View className='status-hero'>
        <Text className='status-hero__label'>团员报到</Text>
        <Text className='status-hero__title' data-testid='status-title'>
          {checkinStatusLabel(status)}
        </Text>
        {checkin.submittedAt && status === 'submitted' ? <Text className='status-hero__sub'>提交时间：{formatTime(checkin.submittedAt)}</Text> : null}
      </View>

      {status === null ? (
        <View className='status-card'>
          <Text className='status-text'>
            {started ? '您的认证资料尚未填写完成，继续填写后提交，由所在团支部审核。' : '您尚未完成团员报到。请扫描团支部的“团员报到二维码”，或查找您所在的团支部开始报到。'}
          </Text>
          <View className='status-card__actions'>
            <Button
              type='primary'
              block
              onClick={() => go(started ? (checkin.resumeStep === 'confirm' ? Routes.memberConfirm : Routes.memberCheckin) : Routes.memberOrgSearch)}
              data-testid='status-start'
            >
              {started ? '继续填写' : '查找团支部报到'}
            </Button>
          </View>
        </View>
      ) : null}

      {status === 'transferredOut' ? (
        // [issue 15 item 8] 已转出: a state of its own, with where the relation went; no re-check-in.
        <View className='status-card' data-testid='status-transferred-out'>
          <Text className='status-card__title'>组织关系已转出</Text>
          <Text className='status-text' data-testid='status-transferred-out-text'>
            {transferredOutText(checkin.transferredOut ?? { destinationRegionLabel: null, destinationOrgName: null })}
          </Text>
          {checkin.transferredOut ? <Text className='status-muted'>转出时间：{formatTime(checkin.transferredOut.at)}</Text> : null}
          <Text className='status-muted'>如需将组织关系转回广东，请在转入地的“智慧团建”系统发起转入广东的组织关系转接。</Text>
          <View className='status-card__actions'>
            <Button block type='default' onClick={() => go(Routes.memberTransferHistory)} data-testid='status-transfer-history'>
              我的组织关系转接历史
            </Button>
          </View>
        </View>
      ) : null}

      {status === 'returned' && checkin.returnReason ? (
        <View className='status-card status-card--danger' data-testid='status-return-reason'>
          <Text className='status-card__title'>退回原因</Text>
          <Text className='status-text'>{checkin.returnReason}</Text>
        </View>
      ) : null}

      {status !== null && status !== 'transferredOut' && checkin.realNameStatus ? (
        <View className='status-card' data-testid='status-realname'>
          <View className='status-row'>
            <Text className='status-card__title'>实名校验</Text>
            <StatusTag tone={realNameTone(checkin.realNameStatus)} testId='status-realname-tag'>
              {realNameLabel(checkin.realNameStatus)}
            </StatusTag>
          </View>
          <Text className='status-muted'>{realNameExplanation(checkin.realNameStatus, status)}</Text>
        </View>
      ) : null}

      {status && NEXT_STEPS[status] ? (
        <View className='status-card'>
          <Text className='status-card__title'>下一步</Text>
          <Text className='status-text' data-testid='status-next'>
            {NEXT_STEPS[status]}
          </Text>
          <View className='status-card__actions'>
            {status === 'submitted' ? (
              <Button block type='default' onClick={onWithdraw} data-testid='status-withdraw'>
                撤回
              </Button>
            ) : null}
            {status === 'returned' ? (
              <Button block type='primary' onClick={() => go(withQuery(Routes.memberCheckin, { step: 'identity' }))} data-testid='status-resubmit'>
                修改后重新提交
              </Button>
            ) : null}
            {status === 'withdrawn' ? (
              <>
                <Button block type='primary' onClick={() => go(withQuery(Routes.memberCheckin, { step: 'identity' }))} data-testid='status-edit'>
                  编辑
                </Button>
                <Button block type='default' onClick={() => go(withQuery(Routes.memberOrgSearch, { pick: '1' }))} data-testid='status-change-branch'>
                  更换团支部
                </Button>
              </>
            ) : null}
          </View>
        </View>
      ) : null}

      {checkin.branch ? (
        <View className='status-card'>
          <Text className='status-card__title'>{status === 'transferredOut' ? '转出前的团支部' : '报到的团支部'}</Text>
          <OrgPath fullName={checkin.branch.fullName} shortName={checkin.branch.shortName} pathNames={checkin.branch.pathNames} testId='status-branch' />
          {checkin.branch.secretaryName ? (
            <Text className='status-muted status-secretary'>
              团支部书记：{checkin.branch.secretaryName}
              {checkin.branch.secretaryPhone ? `　${checkin.branch.secretaryPhone}` : ''}
            </Text>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
