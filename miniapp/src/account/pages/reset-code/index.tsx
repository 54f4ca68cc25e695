import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Switch } from '@nutui/nutui-react-taro';
import { FormError, FormField, FormSection, TextField } from '../../../components/form-field';
import { checkResetByCode, emptyResetByCode, resetByCode, type ResetByCodeValues } from '../../../services/account';
import { toApiError } from '../../../services/api-error';
import { useForm } from '../../../hooks/use-form';
import { checkSmsPhone, sendSmsCode } from '../../../services/register';
import { backToLogin } from '../../back-to-login';
import { SmsCodeField } from '../../../components/sms-code-field';
import { NewPasswordFields } from '../../new-password-fields';
import '../../account.css';

/**
 * §10 for someone who lost the phone of their account: the 6-digit 密码重置码 an admin of their
 * organization issued (24 h, once), a new password, and — if the old number is gone for good —
 * a new phone proven by an SMS code. Every session ends; then the new password logs in.
 */
export default function ResetByCodePage() {
  const [changePhone, setChangePhone] = useState(false);
  const { values, errors, setErrors, set, submitting, submit: submitWith } = useForm(emptyResetByCode, (v: ResetByCodeValues) => checkResetByCode(v, changePhone));
  const [done, setDone] = useState<{ phone: string } | null>(null);

  // The new number must not have an account yet: the server proves it with a 'register' code.
  const onSend = async () => {
    const checked = checkSmsPhone(values.newPhone, 'register');
    if (!checked.ok) {
      setErrors((e) => ({ ...e, newPhone: checked.errors.phone ?? checked.errors[''] }));
      return false;
    }
    try {
      await sendSmsCode(checked.data.phone, 'register');
      return true;
    } catch (e) {
      setErrors((prev) => ({ ...prev, newPhone: toApiError(e).message }));
      return false;
    }
  };

  const submit = () =>
    submitWith(async (body) => {
      await resetByCode(body);
      setDone({ phone: body.newPhone ?? body.phone });
    });

  if (done) {
    return (
      <View className='account-page' data-testid='reset-code-page'>
        <View className='account-notice account-notice--done' data-testid='reset-code-done'>
          密码已重置。请使用手机号 {done.phone} 和新密码登录。
        </View>
        <View className='account-actions'>
          <Button type='primary' size='large' block onClick={() => void backToLogin()} data-testid='reset-code-to-login'>
            去登录
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className='account-page' data-testid='reset-code-page'>
      <View className='account-notice'>手机号已停用、收不到验证码时，请联系您所在团组织的管理员为您生成“密码重置码”（6位数字，24小时内有效，仅可使用一次）。</View>
      <FormSection title='使用密码重置码'>
        <TextField
          label='账号手机号'
          required
          type='number'
          value={values.phone}
          onChange={set('phone')}
          error={errors.phone}
          maxLength={11}
          placeholder='注册时使用的手机号'
          testId='rc-phone'
        />
        <TextField
          label='密码重置码'
          required
          type='number'
          value={values.code}
          onChange={set('code')}
          error={errors.code}
          maxLength={6}
          placeholder='管理员提供的6位数字'
          testId='rc-code'
        />
        <NewPasswordFields password={values.password} confirmPassword={values.confirmPassword} onChange={set} errors={errors} testId='rc' />
        <FormField label='更换手机号' testId='rc-change-phone-field' hint='原手机号已停用时，可同时换绑新的手机号'>
          <View className='account-switch'>
            <Text>同时更换为新的手机号</Text>
            <Switch checked={changePhone} onChange={(v) => setChangePhone(v)} data-testid='rc-change-phone' />
          </View>
        </FormField>
        {changePhone ? (
          <>
            <TextField label='新手机号' required type='number' value={values.newPhone} onChange={set('newPhone')} error={errors.newPhone} maxLength={11} testId='rc-newPhone' />
            <SmsCodeField value={values.smsCode} onChange={set('smsCode')} onSend={onSend} error={errors.smsCode} testIds={{ input: 'rc-smsCode', send: 'rc-smsCode-send' }} />
          </>
        ) : null}
      </FormSection>
      <FormError message={errors['']} testId='rc-error' />
      <View className='account-actions'>
        <Button type='primary' size='large' block loading={submitting} disabled={submitting} onClick={submit} data-testid='rc-submit'>
          重置密码
        </Button>
      </View>
    </View>
  );
}
