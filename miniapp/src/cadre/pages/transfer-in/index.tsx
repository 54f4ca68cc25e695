import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { TRANSFER_REMARKS_MAX_CHARS, TransferReasons } from '@tj/shared';
import { BranchChoice } from '../../../components/branch-choice';
import { FormError, FormSection, SelectField, TextField, optionsOf } from '../../../components/form-field';
import { OrgPath } from '../../../components/org-path';
import { useAsync } from '../../../hooks/use-async';
import { Routes, withQuery } from '../../../routes';
import { toApiError } from '../../../services/api-error';
import { fieldErrorsOf, toOptionalText, type FieldErrors } from '../../../services/form-check';
import { branchesUnder, checkTransferIn, lookupMember, transferIn, type TransferLookupResult } from '../../../services/transfers';
import { OrgHeader } from '../../../components/org-header';
import { useTransferOrg } from '../../use-transfer-org';
import '../../cadre.css';

/**
 * §7.3 办理转入: the in-org finds the person by name + full ID number (the server looks the
 * number up by its hash), picks a reason and — a committee / general branch may — the
 * receiving branch; the out-org then approves.
 */
export default function TransferInPage() {
  const { allowed, orgId, org } = useTransferOrg();
  const isBranch = org.data?.type === 'branch';
  const branches = useAsync(allowed && org.data && !isBranch ? () => branchesUnder(orgId, org.data) : null, [allowed, org.data?.id]);
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [found, setFound] = useState<TransferLookupResult | null>(null);
  const [reason, setReason] = useState('');
  const [toBranchId, setToBranchId] = useState('');
  const [remarks, setRemarks] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [doneId, setDoneId] = useState('');

  if (!allowed) return null;
  const body = () => ({
    name: name.trim(),
    idNumber: idNumber.trim().toUpperCase(),
    reason: reason || undefined,
    toBranchId: isBranch ? orgId : toBranchId || undefined,
    remarks: toOptionalText(remarks),
  });

  const lookup = async () => {
    const checked = checkTransferIn({ ...body(), reason: 'other' });
    if (!checked.ok && (checked.errors.name || checked.errors.idNumber)) return setErrors({ name: checked.errors.name, idNumber: checked.errors.idNumber });
    setBusy(true);
    setErrors({});
    try {
      setFound(await lookupMember(orgId, name, idNumber));
    } catch (e) {
      setErrors(fieldErrorsOf(toApiError(e)));
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    const checked = checkTransferIn(body());
    if (!checked.ok) return setErrors(checked.errors);
    setBusy(true);
    try {
      const t = await transferIn(orgId, checked.data);
      setDoneId(t.id);
    } catch (e) {
      setErrors(fieldErrorsOf(toApiError(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='cadre-page' data-testid='transfer-in-page'>
      {org.data ? <OrgHeader org={org.data} subtitle='办理转入' /> : null}
      {doneId ? (
        <>
          <View className='cadre-notice cadre-notice--ok' data-testid='transfer-in-done'>
            已发起转入，等待转出组织审核（10天内未办理将自动退回）。
          </View>
          <View className='cadre-actions'>
            <Button type='primary' block onClick={() => void Taro.redirectTo({ url: withQuery(Routes.cadreTransfer, { orgId, transferId: doneId }) })} data-testid='transfer-in-open'>
              查看转接进度
            </Button>
          </View>
        </>
      ) : (
        <>
          <FormSection title='查找团员（须已在团支部报到通过）'>
            <TextField
              label='姓名'
              required
              value={name}
              onChange={(v) => {
                setName(v);
                setFound(null);
              }}
              error={errors.name}
              testId='transfer-in-name'
            />
            <TextField
              label='身份证号码'
              required
              type='idcard'
              value={idNumber}
              onChange={(v) => {
                setIdNumber(v);
                setFound(null);
              }}
              maxLength={18}
              error={errors.idNumber}
              hint='请输入完整的18位身份证号码'
              testId='transfer-in-id'
            />
          </FormSection>
          {!found ? (
            <>
              <FormError message={errors['']} testId='transfer-in-error' />
              <View className='cadre-actions'>
                <Button type='primary' block loading={busy} disabled={busy} onClick={lookup} data-testid='transfer-in-lookup'>
                  查找
                </Button>
              </View>
            </>
          ) : (
            <>
              <View className='tj-card' data-testid='transfer-in-found'>
                <Text className='cadre-card__title'>查找结果</Text>
                <Text className='cadre-text'>
                  {found.member.name}　{found.member.idNumberMasked}
                </Text>
                <OrgPath fullName={found.branch.fullName} shortName={found.branch.name} pathNames={found.branch.pathNames} testId='transfer-in-branch' compact />
                {found.hasOpenTransfer ? <View className='cadre-notice'>该团员有正在办理的组织关系转接，暂不能办理转入。</View> : null}
              </View>
              <FormSection title='转入信息'>
                <SelectField label='转出原因' required value={reason} options={optionsOf(TransferReasons)} onChange={setReason} error={errors.reason} testId='transfer-in-reason' />
                {!isBranch ? (
                  <BranchChoice
                    label='转入团支部'
                    value={toBranchId}
                    branches={branches.data ?? []}
                    onChange={setToBranchId}
                    error={errors.toBranchId}
                    hint='选填：也可在转出组织同意后再分配'
                    testId='transfer-in-branch-pick'
                  />
                ) : null}
                <TextField label='备注' value={remarks} onChange={setRemarks} placeholder={`选填，最多${TRANSFER_REMARKS_MAX_CHARS}字`} error={errors.remarks} testId='transfer-in-remarks' />
              </FormSection>
              <FormError message={errors['']} testId='transfer-in-error' />
              <View className='cadre-actions'>
                <Button type='primary' block loading={busy} disabled={busy || found.hasOpenTransfer} onClick={submit} data-testid='transfer-in-submit'>
                  办理转入
                </Button>
              </View>
            </>
          )}
        </>
      )}
    </View>
  );
}
