import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Loading } from '@nutui/nutui-react-taro';
import { ErrorMessages, Positions, isKeyOf, isPositionAllowed, positionsFor, type CadreOrg, type PendingRosterLine } from '@tj/shared';
import { ChoiceField, FormError, FormSection, optionsOf } from '../../../components/form-field';
import { OrgPath } from '../../../components/org-path';
import { usePageParams } from '../../../hooks/use-page-params';
import { Routes, withQuery } from '../../../routes';
import { toApiError } from '../../../services/api-error';
import { StatusTag } from '../../../components/status-tag';
import { confirmRosterLine, declineRosterLine, enterAsCadre, fetchInvitationPreview, setMyPosition } from '../../../services/cadre';
import { restartAt } from '../../../services/navigation';
import { resolveScene, sceneFrom } from '../../../services/org-search';
import { orgTypeOf } from '../../../services/orgs';
import { selectIsLoggedIn, useAppStore } from '../../../stores';
import { AliasStep } from '../../components/alias-step';
import '../../cadre.css';
import './index.css';

/** What the link or QR points at, shown before login (§6.2, §10: full name and path). */
interface Preview {
  orgName: string;
  fullName: string;
  pathNames: string[];
  /** Invitations only: who it is for. */
  invitee?: { name: string; phoneMasked: string };
}

type Phase =
  | { kind: 'loading' }
  | { kind: 'login' }
  | { kind: 'refused'; message: string }
  /** Issue 12: roster lines naming the person, bound only once they confirm each one. */
  | { kind: 'confirm'; lines: PendingRosterLine[]; total: number; items: CadreOrg[]; confirmed: CadreOrg[]; focus: string | null }
  | { kind: 'position'; org: CadreOrg }
  | { kind: 'alias'; org: CadreOrg };

/** A message for a refusal; §6.2's own words when the person is in no roster. */
const refusal = (e: unknown) => {
  const error = toApiError(e);
  return error.code === 'NOT_IN_ROSTER' ? ErrorMessages.NOT_IN_ROSTER : error.message;
};

/** Everything the person was offered was 不是我: nothing to enter. */
const ALL_DECLINED = '您已确认以上入驻信息均不是您本人，无法入驻。如有疑问，请联系录入您的组织管理员/运营者。';

/**
 * §6.2–6.4 团干部入驻: an invitation link (?token=) or a cadre QR (?scene=) shows the org
 * before login; once logged in the rosters are matched (no match → refused, nothing
 * created); each roster line naming the person waits for 确认 / 不是我 (issue 12: nothing is
 * bound silently), then the position for this org, then — for an operator of an org without
 * an alias — the alias. ?orgId= (from the chooser) finishes an org entered without a link.
 */
export default function CadreEntryPage() {
  const params = usePageParams();
  const token = params.token || undefined;
  const scene = sceneFrom(params);
  const loggedIn = useAppStore(selectIsLoggedIn);
  const switchCadreOrg = useAppStore((s) => s.switchCadreOrg);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const here = withQuery(Routes.cadreEntry, { token, scene, orgId: params.orgId });

  const finish = (orgId: string) => {
    switchCadreOrg(orgId);
    void restartAt(withQuery(Routes.cadreHome, { orgId }));
  };

  const next = (org: CadreOrg) => {
    if (!org.positionSet) setPhase({ kind: 'position', org });
    else if (org.needsAlias) setPhase({ kind: 'alias', org });
    else finish(org.id);
  };

  /** After the confirmations: the org named, else the one just confirmed, else the only one. */
  const proceed = (items: CadreOrg[], confirmed: CadreOrg[], focus: string | null) => {
    if (items.length === 0) {
      setPhase({ kind: 'refused', message: ALL_DECLINED });
      return;
    }
    const target = items.find((o) => o.id === focus) ?? confirmed[0] ?? (items.length === 1 ? items[0] : undefined);
    // Several orgs and none named: §6.5 the cadre chooses one (steps run on entering it).
    if (!target) void Taro.redirectTo({ url: Routes.cadreOrgs });
    else next(target);
  };

  /** One line answered (confirmed → its org, declined → null); the next one, or on. */
  const answered = (phase: Extract<Phase, { kind: 'confirm' }>, org: CadreOrg | null) => {
    const lines = phase.lines.slice(1);
    const items = org ? [...phase.items.filter((o) => o.id !== org.id), org] : phase.items;
    const confirmed = org ? [...phase.confirmed, org] : phase.confirmed;
    if (lines.length > 0) setPhase({ ...phase, lines, items, confirmed });
    else proceed(items, confirmed, phase.focus);
  };

  useEffect(() => {
    void (async () => {
      try {
        if (token) {
          const p = await fetchInvitationPreview(token);
          setPreview({ orgName: p.orgName, fullName: p.fullName, pathNames: p.pathNames, invitee: { name: p.cadreName, phoneMasked: p.phoneMasked } });
        } else if (scene) {
          const s = await resolveScene(scene);
          if (s.kind !== 'cadre') {
            setPhase({ kind: 'refused', message: '这不是团干部入驻二维码，请扫描本组织的团干部二维码' });
            return;
          }
          setPreview({ orgName: s.shortName, fullName: s.fullName, pathNames: s.pathNames });
        }
      } catch (e) {
        setPhase({ kind: 'refused', message: toApiError(e).message });
        return;
      }
      if (!loggedIn) {
        setPhase({ kind: 'login' });
        return;
      }
      try {
        const result = await enterAsCadre({ token, scene });
        const focus = params.orgId || result.focusOrgId;
        if (result.pending.length > 0) {
          // The line the link or QR points at is asked first.
          const lines = [...result.pending].sort((a, b) => Number(b.orgId === focus) - Number(a.orgId === focus));
          setPhase({ kind: 'confirm', lines, total: lines.length, items: result.items, confirmed: [], focus });
        } else proceed(result.items, [], focus);
      } catch (e) {
        setPhase({ kind: 'refused', message: refusal(e) });
      }
    })();
    // Decided once on open; logging in comes back here through the login page's redirect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <View className='cadre-page cadre-entry' data-testid='cadre-entry'>
      {preview && phase.kind !== 'refused' ? (
        <View className='tj-card' data-testid='entry-preview'>
          <Text className='cadre-card__title'>{preview.invitee ? `${preview.invitee.name}，您好！您受邀入驻` : '您正在入驻'}</Text>
          <Text className='entry-org-name' data-testid='entry-org-name'>
            {preview.orgName}
          </Text>
          <OrgPath fullName={preview.fullName} pathNames={preview.pathNames} testId='entry-org' compact />
        </View>
      ) : null}

      {phase.kind === 'loading' ? (
        <View className='entry-loading'>
          <Loading type='circular'>正在进入…</Loading>
        </View>
      ) : null}

      {phase.kind === 'login' ? (
        <View className='tj-card' data-testid='entry-login'>
          <Text className='cadre-text'>{preview?.invitee ? `请使用接收邀请短信的手机号（${preview.invitee.phoneMasked}）登录，登录后完成入驻。` : '请先登录，登录后完成入驻。'}</Text>
          <Text className='cadre-muted entry-hint'>{preview?.invitee ? '还没有账号的，请先用该手机号注册。' : '还没有账号的，请先注册。'}</Text>
          <View className='entry-buttons'>
            <Button type='primary' block onClick={() => void Taro.navigateTo({ url: withQuery(Routes.login, { redirect: here }) })} data-testid='entry-login-button'>
              登录并入驻
            </Button>
            <Button
              block
              fill='outline'
              type='primary'
              onClick={() => void Taro.navigateTo({ url: withQuery(Routes.memberRegister, { redirect: here }) })}
              data-testid='entry-register-button'
            >
              注册新账号
            </Button>
          </View>
        </View>
      ) : null}

      {phase.kind === 'refused' ? (
        <View className='tj-card entry-refused' data-testid='entry-refused'>
          <View className='entry-refused__mark'>!</View>
          <Text className='entry-refused__title'>无法入驻</Text>
          <Text className='entry-refused__message' data-testid='entry-refused-message'>
            {phase.message}
          </Text>
          <Button type='primary' fill='outline' block onClick={() => void restartAt(Routes.entry)}>
            返回首页
          </Button>
        </View>
      ) : null}

      {phase.kind === 'confirm' && phase.lines[0] ? (
        <ConfirmLine key={phase.lines[0].entryId} line={phase.lines[0]} index={phase.total - phase.lines.length + 1} total={phase.total} onAnswered={(org) => answered(phase, org)} />
      ) : null}

      {phase.kind === 'position' || phase.kind === 'alias' ? (
        <>
          {!preview || preview.fullName !== phase.org.fullName ? (
            <View className='tj-card' data-testid='entry-step-org'>
              <Text className='cadre-card__title'>入驻组织</Text>
              <Text className='entry-org-name'>{phase.org.alias || phase.org.shortName}</Text>
              <OrgPath fullName={phase.org.fullName} pathNames={phase.org.pathNames} testId='entry-step-org-path' compact />
            </View>
          ) : null}
          <Steps org={phase.org} current={phase.kind} />
        </>
      ) : null}

      {phase.kind === 'position' ? <PositionStep org={phase.org} onDone={(org) => next({ ...org, positionSet: true })} /> : null}

      {phase.kind === 'alias' ? <AliasStep org={{ id: phase.org.id, type: orgTypeOf(phase.org), shortName: phase.org.shortName }} onDone={() => finish(phase.org.id)} /> : null}
    </View>
  );
}

/** 第1步 设置职务 · 第2步 设置代称 (the second only for the org's first operator, §6.4). */
function Steps({ org, current }: { org: CadreOrg; current: 'position' | 'alias' }) {
  const steps = [{ key: 'position', label: '设置本人职务' }, ...(org.needsAlias ? [{ key: 'alias', label: '设置组织代称' }] : [])];
  if (steps.length < 2) return null;
  return (
    <View className='entry-steps' data-testid='entry-steps'>
      {steps.map((s, i) => (
        <Text key={s.key} className={`entry-step${s.key === current ? ' entry-step--current' : ''}`}>
          {i + 1}. {s.label}
        </Text>
      ))}
    </View>
  );
}

/** §6.3 the position in this org, from the list for its type; the roster's suggestion first. */
function PositionStep({ org, onDone }: { org: CadreOrg; onDone: (org: CadreOrg) => void }) {
  const type = orgTypeOf(org);
  const [position, setPosition] = useState(isPositionAllowed(type, org.position) ? org.position : '');
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    if (!position) {
      setError('请选择您在本组织的职务');
      return;
    }
    setSaving(true);
    setError('');
    try {
      onDone(await setMyPosition(org.id, position));
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <View data-testid='position-step'>
      <FormSection title='设置本人在本组织的职务'>
        <ChoiceField
          label='职务'
          required
          value={position}
          options={optionsOf(positionsFor(type))}
          onChange={(v) => {
            setPosition(v);
            setError('');
          }}
          hint='每个组织的职务分别设置；已按名册预选，请核对'
          testId='position'
        />
      </FormSection>
      <FormError message={error} testId='position-error' />
      <View className='cadre-actions'>
        <Button type='primary' block loading={saving} disabled={saving} onClick={submit} data-testid='position-submit'>
          {org.needsAlias ? '下一步' : '完成入驻'}
        </Button>
      </View>
    </View>
  );
}

const positionLabel = (position: string) => (isKeyOf(Positions, position) ? Positions[position] : position);

/**
 * Issue 12: "您被录入为 X 的 Y，是否确认？" — 确认 binds the line to this account; 不是我 marks it
 * declined (the org's admin sees that and can correct the phone). A line someone already
 * answered elsewhere is skipped with the server's message.
 */
function ConfirmLine({ line, index, total, onAnswered }: { line: PendingRosterLine; index: number; total: number; onAnswered: (org: CadreOrg | null) => void }) {
  const [busy, setBusy] = useState<'confirm' | 'decline' | null>(null);
  const [error, setError] = useState('');
  const [gone, setGone] = useState('');

  const answer = async (kind: 'confirm' | 'decline') => {
    setBusy(kind);
    setError('');
    try {
      if (kind === 'confirm') onAnswered(await confirmRosterLine(line.entryId));
      else {
        await declineRosterLine(line.entryId);
        onAnswered(null);
      }
    } catch (e) {
      const err = toApiError(e);
      if (err.code === 'ROSTER_ENTRY_NOT_PENDING' || err.code === 'NOT_FOUND') setGone(err.message);
      else setError(err.message);
      setBusy(null);
    }
  };

  return (
    <View className='tj-card entry-confirm' data-testid={`entry-confirm-${line.entryId}`}>
      {total > 1 ? (
        <Text className='cadre-muted entry-confirm__count'>
          待确认的入驻信息（第{index}条，共{total}条）
        </Text>
      ) : null}
      <Text className='entry-confirm__question' data-testid='entry-confirm-question'>
        您被录入为 {line.orgName} 的 {positionLabel(line.position)}，是否确认？
      </Text>
      <OrgPath fullName={line.fullName} pathNames={line.pathNames} testId={`entry-confirm-org-${line.entryId}`} compact />
      <View className='entry-confirm__facts'>
        <Text className='cadre-muted'>名册中的姓名：{line.name}</Text>
        {line.isAdmin ? <StatusTag tone='red'>管理员</StatusTag> : line.isOperator ? <StatusTag tone='orange'>运营者</StatusTag> : null}
      </View>
      <Text className='cadre-muted entry-confirm__hint'>确认后，您将以该职务入驻本组织；如果这不是您本人，请选择“不是我”，我们会告知该组织。</Text>
      {gone ? (
        <>
          <View className='cadre-notice' data-testid='entry-confirm-gone'>
            {gone}
          </View>
          <Button type='primary' block onClick={() => onAnswered(null)} data-testid='entry-confirm-skip'>
            继续
          </Button>
        </>
      ) : (
        <>
          <FormError message={error} testId='entry-confirm-error' />
          <View className='entry-buttons'>
            <Button type='primary' block loading={busy === 'confirm'} disabled={busy !== null} onClick={() => void answer('confirm')} data-testid='entry-confirm-yes'>
              确认
            </Button>
            <Button type='default' block loading={busy === 'decline'} disabled={busy !== null} onClick={() => void answer('decline')} data-testid='entry-confirm-no'>
              不是我
            </Button>
          </View>
        </>
      )}
    </View>
  );
}
