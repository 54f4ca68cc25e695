import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ADMIN_CODE_VALID_DAYS, PASSWORD_MAX_CHARS, positionsFor, type AdminCodeTarget } from '@tj/shared';
import { FormError, FormSection, MonthField, SelectField, TextField, optionsOf } from '../../../components/form-field';
import { SmsCodeField } from '../../../components/sms-code-field';
import { Routes, withQuery } from '../../../routes';
import { checkAdminCode, checkAdminRegister, checkSmsPhone, emptyAdminRegisterValues, lookupAdminCode, sendAdminRegisterSms, type AdminRegisterValues } from '../../../services/admin-codes';
import { toApiError } from '../../../services/api-error';
import { fieldErrorsOf, type FieldErrors } from '../../../services/form-check';
import { orgPathText, orgTypeOf } from '../../../services/orgs';
import { orgTypeLabel } from '../../../labels/org';
import { useAppStore } from '../../../stores';
import '../../admin.css';
import './index.css';

const LABELS: Record<keyof AdminRegisterValues, string> = {
  code: '管理员注册码',
  position: '职务',
  name: '姓名',
  idNumber: '身份证号码',
  phone: '手机号码',
  smsCode: '短信验证码',
  password: '登录密码',
  confirmPassword: '确认密码',
  joinedAt: '入团年月',
};

/**
 * §3.4 管理员注册 (public): the code a superior issued → the org it belongs to → position
 * and personal data → registered and logged in, landing on the org's home.
 */
export default function AdminRegisterPage() {
  const registerAdmin = useAppStore((s) => s.registerAdmin);
  const [values, setValues] = useState<AdminRegisterValues>(emptyAdminRegisterValues);
  const [target, setTarget] = useState<AdminCodeTarget | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState<'lookup' | 'submit' | null>(null);

  const set = (field: keyof AdminRegisterValues) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined, '': undefined }));
  };

  const placeError = (e: unknown, fallbackField = '') => {
    const error = toApiError(e);
    setErrors(error.field && error.field in values ? fieldErrorsOf(error) : { [fallbackField]: error.message });
  };

  const lookup = async () => {
    const checked = checkAdminCode(values.code);
    if (!checked.ok) return setErrors(checked.errors);
    setBusy('lookup');
    setErrors({});
    try {
      setTarget(await lookupAdminCode(checked.data.code));
    } catch (e) {
      placeError(e, 'code');
    } finally {
      setBusy(null);
    }
  };

  const sendSms = async (): Promise<boolean> => {
    const checked = checkSmsPhone(values.phone);
    if (!checked.ok) {
      setErrors((e) => ({ ...e, phone: checked.errors.phone ?? checked.errors[''] }));
      return false;
    }
    try {
      await sendAdminRegisterSms(checked.data.phone);
      void Taro.showToast({ title: '验证码已发送', icon: 'none' });
      return true;
    } catch (e) {
      setErrors((prev) => ({ ...prev, phone: toApiError(e).message }));
      return false;
    }
  };

  const submit = async () => {
    if (!target) return;
    const checked = checkAdminRegister(target.orgId, values);
    if (!checked.ok) return setErrors(checked.errors);
    setBusy('submit');
    setErrors({});
    try {
      await registerAdmin(checked.data);
      void Taro.reLaunch({ url: withQuery(Routes.adminHome, { orgId: target.orgId }) });
    } catch (e) {
      placeError(e);
    } finally {
      setBusy(null);
    }
  };

  const reset = () => {
    setTarget(null);
    setValues((v) => ({ ...v, code: '' }));
    setErrors({});
  };

  const text = (field: keyof AdminRegisterValues, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField label={LABELS[field]} required value={values[field]} onChange={set(field)} error={errors[field]} testId={`register-${field}`} {...extra} />
  );

  return (
    <View className='admin-page register-page' data-testid='register-page'>
      <View className='register-hero'>
        <Text className='register-hero__title'>组织管理员注册</Text>
        <Text className='register-hero__text'>请输入上级团组织发放的管理员注册码（8位，区分大小写，有效期{ADMIN_CODE_VALID_DAYS}天）</Text>
      </View>

      {target === null ? (
        <>
          <FormSection>{text('code', { maxLength: 8, placeholder: '请输入8位注册码' })}</FormSection>
          <FormError message={errors['']} testId='register-error' />
          <View className='admin-actions'>
            <Button type='primary' block size='large' loading={busy === 'lookup'} disabled={busy !== null} onClick={lookup} data-testid='register-lookup'>
              下一步
            </Button>
          </View>
        </>
      ) : (
        <>
          <View className='register-org' data-testid='register-org'>
            <Text className='register-org__label'>您将注册为以下组织的管理员</Text>
            <Text className='register-org__name' data-testid='register-org-name'>
              {target.fullName}
            </Text>
            <Text className='register-org__path'>
              {orgPathText(target, true)} · {orgTypeLabel(target.type)}
            </Text>
            <Text className='register-org__change' onClick={reset} data-testid='register-change-code'>
              不是这个组织？重新输入注册码
            </Text>
          </View>

          <FormSection title='任职信息'>
            <SelectField
              label={LABELS.position}
              required
              value={values.position}
              options={optionsOf(positionsFor(orgTypeOf(target)))}
              onChange={set('position')}
              error={errors.position}
              testId='register-position'
            />
          </FormSection>

          <FormSection title='个人信息'>
            {text('name', { maxLength: 30 })}
            {text('idNumber', { type: 'idcard', maxLength: 18 })}
            <MonthField label={LABELS.joinedAt} required value={values.joinedAt} onChange={set('joinedAt')} error={errors.joinedAt} testId='register-joinedAt' />
          </FormSection>

          <FormSection title='账号信息'>
            {text('phone', { type: 'number', maxLength: 11, hint: '注册后使用此手机号登录' })}
            <SmsCodeField
              label={LABELS.smsCode}
              value={values.smsCode}
              onChange={set('smsCode')}
              onSend={sendSms}
              error={errors.smsCode}
              testIds={{ input: 'register-smsCode', send: 'register-sms', field: 'register-smsCode' }}
            />
            {text('password', { type: 'password', maxLength: PASSWORD_MAX_CHARS, placeholder: '8-64个字符，可含符号和空格' })}
            {text('confirmPassword', { type: 'password', maxLength: PASSWORD_MAX_CHARS, placeholder: '请再次输入密码' })}
          </FormSection>

          <FormError message={errors['']} testId='register-error' />
          <View className='admin-actions'>
            <Button type='primary' block size='large' loading={busy === 'submit'} disabled={busy !== null} onClick={submit} data-testid='register-submit'>
              注册并进入组织管理
            </Button>
          </View>
        </>
      )}
    </View>
  );
}
