import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Step, Steps } from '@nutui/nutui-react-taro';
import { ErrorMessages, type CertStep } from '@tj/shared';
import { OrgPath } from '../../../components/org-path';
import { FormError } from '../../../components/form-field';
import { PageStatus } from '../../../components/page-status';
import { useAsync } from '../../../hooks/use-async';
import { scrollToTop, usePageParams } from '../../../hooks/use-page-params';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { Routes, withQuery } from '../../../routes';
import { toApiError } from '../../../services/api-error';
import { CERT_STEPS, CertStepFields, canEditForm, checkStep, editPolicyOf, formValuesFrom, isApproved, type CertFormValues, type MyCheckin } from '../../../services/checkin';
import { CertStepTitles, type CertField } from '../../../labels/checkin';
import type { FieldErrors } from '../../../services/form-check';
import { useAppStore } from '../../../stores';
import { StepFields } from '../../components/step-fields';
import '../../member.css';

const isStep = (s: string | undefined): s is CertStep => !!s && (CERT_STEPS as readonly string[]).includes(s);

/**
 * §4.3 the certification form, one step at a time. Each step is checked with the shared
 * schema, then saved (PUT) before the next one opens, so a member who leaves resumes at
 * the first unsaved step with the draft filled. ?mode=edit&step=…: after approval, one
 * step is changed (identity locked, 团员信息 reviewed again, the rest saved directly).
 */
export default function CheckinPage() {
  const allowed = useRequireLogin();
  const params = usePageParams();
  const editMode = params.mode === 'edit';
  const loadCheckin = useAppStore((s) => s.loadCheckin);
  const saveStep = useAppStore((s) => s.saveStep);
  const chosenBranch = useAppStore((s) => s.chosenBranch);
  const user = useAppStore((s) => s.user);
  const state = useAsync(allowed ? loadCheckin : null, [allowed]);

  const [step, setStep] = useState<CertStep>(isStep(params.step) ? params.step : 'identity');
  const [values, setValues] = useState<CertFormValues | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<MyCheckin | null>(null);
  // Issue 16 part 5: the ID belongs to a member the org entered — claim that record instead.
  const [enteredByOrg, setEnteredByOrg] = useState(false);

  // Once loaded: leave when this form is not the member's to fill, else fill it (once) from the draft.
  const filled = values !== null;
  useEffect(() => {
    const c = state.data;
    if (!c || filled) return;
    if (!editMode && !canEditForm(c)) {
      void Taro.redirectTo({ url: isApproved(c) ? Routes.memberProfile : Routes.status });
      return;
    }
    if (editMode && !isApproved(c)) {
      void Taro.redirectTo({ url: Routes.status });
      return;
    }
    const source = editMode ? { ...(c.approved ?? {}), ...c.draft } : c.draft;
    setValues(formValuesFrom(source, editMode ? null : (chosenBranch?.id ?? c.branch?.id ?? null), user?.phone));
    if (!editMode && !isStep(params.step)) setStep(c.resumeStep === 'confirm' ? 'identity' : c.resumeStep);
  }, [state.data, filled, editMode, params.step, chosenBranch?.id, user?.phone]);

  // A branch picked on the search page (opened from step 1) replaces the one in the form.
  const pickedBranchId = editMode ? undefined : chosenBranch?.id;
  useEffect(() => {
    if (pickedBranchId !== undefined) setValues((v) => (v ? { ...v, branchId: pickedBranchId } : v));
  }, [pickedBranchId]);

  if (!allowed) return null;

  const checkin = state.data;
  const index = CERT_STEPS.indexOf(step);
  const locked = editMode && editPolicyOf(step) === 'locked';

  const set = (field: CertField) => (value: string) => {
    setValues((v) => (v ? { ...v, [field]: value } : v));
    setErrors((e) => ({ ...e, [field]: undefined, '': undefined }));
  };

  const goTo = (next: CertStep) => {
    setErrors({});
    setStep(next);
    scrollToTop();
  };

  const save = async () => {
    if (!values) return;
    const checked = checkStep(step, values);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setSaving(true);
    try {
      const result = await saveStep(step, checked.data);
      if (editMode) {
        setSaved(result);
        return;
      }
      const next = CERT_STEPS[index + 1];
      if (next) goTo(next);
      else void Taro.redirectTo({ url: Routes.memberConfirm });
    } catch (e) {
      const error = toApiError(e);
      setEnteredByOrg(error.code === 'CHECKIN_ENTERED_BY_ORG');
      const field = error.field as CertField | undefined;
      setErrors(field && CertStepFields[step].includes(field) ? { [field]: error.message } : { '': error.message });
    } finally {
      setSaving(false);
    }
  };

  const branch = chosenBranch ?? (checkin?.branch && checkin.branch.id === values?.branchId ? checkin.branch : null);
  const branchField = (
    <View>
      {branch ? (
        <OrgPath fullName={branch.fullName} shortName={branch.shortName} pathNames={branch.pathNames} testId='cert-branch' compact />
      ) : (
        <Text className='tj-select__placeholder'>请选择要报到的团支部</Text>
      )}
      <View className='cert-branch__change'>
        <Text className='member-link' onClick={() => void Taro.navigateTo({ url: withQuery(Routes.memberOrgSearch, { pick: '1' }) })} data-testid='cert-branch-change'>
          {branch ? '更换团支部 ›' : '查找团支部 ›'}
        </Text>
      </View>
    </View>
  );

  return (
    <View className='member-page' data-testid='checkin-page'>
      <PageStatus loading={state.loading && !values} error={state.error} onRetry={state.reload} testId='checkin'>
        {values ? (
          <>
            {editMode ? (
              <View className='member-notice member-notice--info' data-testid='checkin-edit-policy'>
                {editNotice(step)}
              </View>
            ) : (
              <View className='member-steps' data-testid='checkin-steps'>
                {/* 'dynamic': NutUI marks steps done / current / to come only in this mode ('default' marks none). */}
                <Steps value={index + 1} status='dynamic'>
                  {CERT_STEPS.map((s, i) => (
                    <Step key={s} value={i + 1} title={CertStepTitles[s]} />
                  ))}
                </Steps>
              </View>
            )}

            {!editMode && checkin?.status === 'returned' && checkin.returnReason ? (
              <View className='member-notice' data-testid='checkin-return-reason'>
                退回原因：{checkin.returnReason}
              </View>
            ) : null}

            {locked ? (
              <View className='member-notice' data-testid='checkin-identity-locked'>
                {ErrorMessages.CHECKIN_IDENTITY_LOCKED}
              </View>
            ) : saved ? (
              <EditSaved checkin={saved} step={step} />
            ) : (
              <>
                <StepFields step={step} values={values} errors={errors} set={set} branch={branchField} />
                <FormError message={errors['']} testId='checkin-error' />
                {enteredByOrg ? (
                  <View className='member-actions'>
                    <Button type='primary' block onClick={() => void Taro.navigateTo({ url: Routes.memberClaim })} data-testid='checkin-go-claim'>
                      去认领团员信息
                    </Button>
                  </View>
                ) : null}
                <View className={`member-actions${index > 0 && !editMode ? ' member-actions--row' : ''}`}>
                  {index > 0 && !editMode ? (
                    <Button size='large' disabled={saving} onClick={() => goTo(CERT_STEPS[index - 1] ?? 'identity')} data-testid='checkin-prev'>
                      上一步
                    </Button>
                  ) : null}
                  <Button type='primary' size='large' block={index === 0 || editMode} loading={saving} disabled={saving} onClick={save} data-testid='checkin-next'>
                    {editMode ? '保存' : index < CERT_STEPS.length - 1 ? '下一步' : '下一步：确认资料'}
                  </Button>
                </View>
                {!editMode ? <Text className='member-muted member-center'>每一步都会自动保存，下次进入可继续填写</Text> : null}
              </>
            )}
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}

function editNotice(step: CertStep): string {
  switch (editPolicyOf(step)) {
    case 'locked':
      return '身份信息在报到审核通过后不能修改。';
    case 'review':
      return '修改团员信息需要团支部重新审核；审核通过前，原资料继续有效。';
    default:
      return '联系方式和选填信息修改后直接生效，无需审核。';
  }
}

/** Back to 认证资料 (it reloads when shown), or open it when this page was opened directly. */
function backToProfile() {
  const depth = typeof Taro.getCurrentPages === 'function' ? Taro.getCurrentPages().length : 1;
  if (depth > 1) void Taro.navigateBack();
  else void Taro.redirectTo({ url: Routes.memberProfile });
}

function EditSaved({ checkin, step }: { checkin: MyCheckin; step: CertStep }) {
  const review = checkin.status === 'editSubmitted';
  return (
    <View className='tj-card' data-testid='checkin-edit-saved'>
      <Text className='member-text'>{review ? '已提交修改，状态为“修改资料待审核”。审核通过前，原资料继续有效。' : `${CertStepTitles[step]}已保存。`}</Text>
      <View className='member-actions'>
        <Button type='primary' block onClick={backToProfile} data-testid='checkin-back-profile'>
          返回认证资料
        </Button>
      </View>
    </View>
  );
}
