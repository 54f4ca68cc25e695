import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { FormError, FormSection, TextField } from '../../../components/form-field';
import { Routes } from '../../../routes';
import { useForm } from '../../../hooks/use-form';
import { checkResetPassword, emptyResetPassword, resetPasswordBySms } from '../../../services/account';
import { toApiError } from '../../../services/api-error';
import { checkSmsPhone, sendSmsCode } from '../../../services/register';
import { backToLogin } from '../../back-to-login';
import { SmsCodeField } from '../../../components/sms-code-field';
import { NewPasswordFields } from '../../new-password-fields';
import '../../account.css';

/**
 * §4.1 忘记密码: an SMS code to the registered phone proves the owner; the new password (the
 * shared rule) replaces the old one and every session ends. Whoever lost that phone uses the
 * reset code an org admin issues instead (§10).
 */
export default function ForgotPasswordPage() {
  const { values, errors, setErrors, set, submitting, submit: submitWith } = useForm(emptyResetPassword, checkResetPassword);
  const [done, setDone] = useState(false);

  const onSend = async () => {
    const checked = checkSmsPhone(values.phone, 'resetPassword');
    if (!checked.ok) {
      setErrors((e) => ({ ...e, phone: checked.errors.phone ?? checked.errors[''] }));
      return false;
    }
    try {
      await sendSmsCode(checked.data.phone, 'resetPassword');
      return true;
    } catch (e) {
      const error = toApiError(e);
      setErrors((prev) => ({ ...prev, [error.field && error.field in values ? error.field : 'phone']: error.message }));
      return false;
    }
  };

  const submit = () =>
    submitWith(async (body) => {
      await resetPasswordBySms(body);
      setDone(true);
    });

  if (done) {
    return (
      <View className='account-page' data-testid='forgot-page'>
        <View className='account-notice account-notice--done' data-testid='forgot-done'>
          密码已重置，所有设备上的登录均已退出。请使用新密码登录。
        </View>
        <View className='account-actions'>
          <Button type='primary' size='large' block onClick={() => void backToLogin()} data-testid='forgot-to-login'>
            去登录
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className='account-page' data-testid='forgot-page'>
      <View className='account-notice'>请输入注册时使用的手机号，通过短信验证码设置新密码。</View>
      <FormSection title='通过短信验证码重置密码'>
        <TextField label='手机号码' required type='number' value={values.phone} onChange={set('phone')} error={errors.phone} maxLength={11} testId='forgot-phone' />
        <SmsCodeField value={values.smsCode} onChange={set('smsCode')} onSend={onSend} error={errors.smsCode} testIds={{ input: 'forgot-smsCode', send: 'forgot-smsCode-send' }} />
        <NewPasswordFields password={values.password} confirmPassword={values.confirmPassword} onChange={set} errors={errors} testId='forgot' />
      </FormSection>
      <FormError message={errors['']} testId='forgot-error' />
      <View className='account-actions'>
        <Button type='primary' size='large' block loading={submitting} disabled={submitting} onClick={submit} data-testid='forgot-submit'>
          重置密码
        </Button>
        <Text className='account-link' onClick={() => void Taro.redirectTo({ url: Routes.accountResetCode })} data-testid='forgot-use-code'>
          手机号已停用？使用管理员发放的重置码 ›
        </Text>
      </View>
    </View>
  );
}
