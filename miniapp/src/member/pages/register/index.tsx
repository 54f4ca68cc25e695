import { useState } from 'react';
import { PASSWORD_MAX_CHARS } from '@tj/shared';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Checkbox } from '@nutui/nutui-react-taro';
import { FormError, FormSection, TextField } from '../../../components/form-field';
import { OrgPath } from '../../../components/org-path';
import { SmsCodeField } from '../../../components/sms-code-field';
import { Routes } from '../../../routes';
import { toApiError } from '../../../services/api-error';
import type { FieldErrors } from '../../../services/form-check';
import { inAppRedirect, restartAt } from '../../../services/navigation';
import { usePageParams } from '../../../hooks/use-page-params';
import { checkRegister, checkSmsPhone, emptyRegisterValues, sendSmsCode, type RegisterValues } from '../../../services/register';
import { useAppStore } from '../../../stores';
import { RegionField } from '../../components/region-field';
import '../../member.css';
import './index.css';

/**
 * §4.1 注册: mobile phone, SMS code (60 s between sends), password 6–16 letters/digits twice,
 * 所属地区 (province → city → county), the service agreement. Then on to the check-in form.
 */
export default function RegisterPage() {
  const register = useAppStore((s) => s.register);
  const branch = useAppStore((s) => s.chosenBranch);
  const [values, setValues] = useState<RegisterValues>(emptyRegisterValues);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  // e.g. the cadre invitation page, to come back to once registered
  const redirect = inAppRedirect(usePageParams().redirect);

  const set =
    <K extends keyof RegisterValues>(field: K) =>
    (value: RegisterValues[K]) => {
      setValues((v) => ({ ...v, [field]: value }));
      setErrors((e) => ({ ...e, [field]: undefined, '': undefined }));
    };

  const onSend = async () => {
    const checked = checkSmsPhone(values.phone, 'register');
    if (!checked.ok) {
      setErrors((e) => ({ ...e, phone: checked.errors.phone ?? checked.errors[''] }));
      return false;
    }
    try {
      await sendSmsCode(values.phone, 'register');
      return true;
    } catch (e) {
      const error = toApiError(e);
      setErrors((prev) => ({ ...prev, [error.field && error.field in values ? error.field : 'phone']: error.message }));
      return false;
    }
  };

  const submit = async () => {
    const checked = checkRegister(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setSubmitting(true);
    try {
      await register(checked.data);
      // the page that sent the visitor, else a flow a scanned QR started (e.g. cadre entry)
      const pending = useAppStore.getState().takePendingEntry();
      const next = redirect ?? pending;
      if (next) void restartAt(next);
      else if (branch) void Taro.redirectTo({ url: Routes.memberCheckin });
      else void restartAt(Routes.status);
    } catch (e) {
      const error = toApiError(e);
      setErrors(error.field && error.field in values ? { [error.field]: error.message } : { '': error.message });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <View className='member-page' data-testid='register-page'>
      {branch ? (
        <View className='tj-card'>
          <Text className='member-card__title'>注册后将报到到</Text>
          <OrgPath fullName={branch.fullName} shortName={branch.shortName} pathNames={branch.pathNames} testId='register-branch' compact />
        </View>
      ) : null}
      <FormSection title='注册账号'>
        <TextField label='手机号码' required type='number' value={values.phone} onChange={set('phone')} error={errors.phone} maxLength={11} testId='register-phone' />
        <SmsCodeField
          value={values.smsCode}
          onChange={set('smsCode')}
          onSend={onSend}
          error={errors.smsCode}
          name='smsCode'
          testIds={{ input: 'register-smsCode', send: 'register-sms-send' }}
        />
        <TextField
          label='密码'
          required
          type='password'
          value={values.password}
          onChange={set('password')}
          error={errors.password}
          maxLength={PASSWORD_MAX_CHARS}
          hint='8-64个字符，可使用字母、数字、符号和空格；请勿使用常见密码'
          testId='register-password'
        />
        <TextField
          label='确认密码'
          required
          type='password'
          value={values.confirmPassword}
          onChange={set('confirmPassword')}
          error={errors.confirmPassword}
          maxLength={PASSWORD_MAX_CHARS}
          placeholder='请再次输入密码'
          testId='register-confirmPassword'
        />
        <RegionField value={values.regionCode} onChange={set('regionCode')} error={errors.regionCode} testId='register-region' />
      </FormSection>

      <View className='register-agree'>
        <Checkbox checked={values.agreed} onChange={(v) => set('agreed')(v)} data-testid='register-agree'>
          我已阅读并同意《用户服务协议》和《隐私政策》
        </Checkbox>
        {errors.agreed ? (
          <Text className='tj-field__error' data-testid='register-agree-error'>
            {errors.agreed}
          </Text>
        ) : null}
      </View>

      <FormError message={errors['']} testId='register-error' />
      <View className='member-actions'>
        <Button type='primary' size='large' block loading={submitting} disabled={submitting} onClick={submit} data-testid='register-submit'>
          注册并继续报到
        </Button>
        <Text className='member-link member-center' onClick={() => void Taro.redirectTo({ url: Routes.login })} data-testid='register-to-login'>
          已有账号？去登录
        </Text>
      </View>
    </View>
  );
}
