import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import type { Login } from '@tj/shared';
import { SmsCodeRow } from '../../components/sms-code-field/row';
import { toApiError, type ApiError } from '../../services/api-error';
import { inAppRedirect, restartAt } from '../../services/navigation';
import { checkSmsLogin, checkSmsPhone, sendSmsCode } from '../../services/register';
import { usePageParams } from '../../hooks/use-page-params';
import { Routes, withQuery } from '../../routes';
import { useAppStore } from '../../stores';
import './index.css';

const LABELS: Record<keyof Login, string> = { phone: '手机号', password: '密码' };

// A missing field reads better with its name; every other message is the shared one.
function describe(error: ApiError): string {
  const label = error.field ? LABELS[error.field as keyof Login] : undefined;
  return error.code === 'REQUIRED' && label ? `请输入${label}` : error.message;
}

type Mode = 'password' | 'sms';

/**
 * 登录: phone + password, or phone + SMS code (验证码登录). Links to 忘记密码 (SMS, or the
 * reset code an org admin issued), registration, and 组织管理员注册 — all reachable logged out.
 * After login: the page that sent the visitor here (?redirect=), else the flow a scanned QR
 * started (kept in the store through login / registration), else the status page.
 */
export default function LoginPage() {
  const login = useAppStore((s) => s.login);
  const loginWithSms = useAppStore((s) => s.loginWithSms);
  const [mode, setMode] = useState<Mode>('password');
  const [error, setError] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [smsPhone, setSmsPhone] = useState('');
  const [smsCode, setSmsCode] = useState('');
  // e.g. the cadre invitation page, to come back to once logged in
  const redirect = inAppRedirect(usePageParams().redirect);

  const done = () => {
    // Taken either way: a pending flow must not reopen at some later, unrelated login.
    const pending = useAppStore.getState().takePendingEntry();
    void restartAt(redirect ?? pending ?? Routes.status);
  };

  const submitPassword = async () => {
    setError('');
    setSubmitting(true);
    try {
      await login({ phone, password });
      done();
    } catch (e) {
      setError(describe(toApiError(e)));
    } finally {
      setSubmitting(false);
    }
  };

  const sendCode = async (): Promise<boolean> => {
    setError('');
    const checked = checkSmsPhone(smsPhone, 'login');
    if (!checked.ok) {
      setError(checked.errors.phone ?? checked.errors[''] ?? '');
      return false;
    }
    try {
      await sendSmsCode(checked.data.phone, 'login');
      return true;
    } catch (e) {
      setError(toApiError(e).message);
      return false;
    }
  };

  const submitSms = async () => {
    setError('');
    const checked = checkSmsLogin(smsPhone, smsCode);
    if (!checked.ok) {
      setError(checked.errors.phone ?? checked.errors.smsCode ?? checked.errors[''] ?? '');
      return;
    }
    setSubmitting(true);
    try {
      await loginWithSms(checked.data);
      done();
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setSubmitting(false);
    }
  };

  const switchTo = (next: Mode) => {
    setMode(next);
    setError('');
  };

  return (
    <View className='login-page' data-testid='login-page'>
      <View className='login-hero'>
        <View className='login-emblem'>团</View>
        <Text className='login-title'>智慧团建</Text>
        <Text className='login-subtitle'>共青团员报到 · 团干部工作平台</Text>
      </View>

      <View className='login-card'>
        <View className='login-modes'>
          <Text className={`login-mode${mode === 'password' ? ' login-mode--active' : ''}`} onClick={() => switchTo('password')} data-testid='login-mode-password'>
            密码登录
          </Text>
          <Text className={`login-mode${mode === 'sms' ? ' login-mode--active' : ''}`} onClick={() => switchTo('sms')} data-testid='login-mode-sms'>
            验证码登录
          </Text>
        </View>

        {mode === 'password' ? (
          // Plain fields like the SMS mode's: NutUI's Form (with async-validator) would be ~30 KB
          // of the main package for two inputs the store's schema checks anyway (issue 14 item 10).
          <View className='login-sms' data-testid='login-password-form'>
            <View className='login-field'>
              <Text className='login-field__label'>手机号</Text>
              <Input type='number' name='phone' value={phone} onChange={setPhone} maxLength={11} placeholder='请输入手机号' clearable data-testid='login-phone' />
            </View>
            <View className='login-field'>
              <Text className='login-field__label'>密码</Text>
              <Input type='password' name='password' value={password} onChange={setPassword} maxLength={64} placeholder='请输入密码' data-testid='login-password' />
            </View>
          </View>
        ) : (
          <View className='login-sms' data-testid='login-sms-form'>
            <View className='login-field'>
              <Text className='login-field__label'>手机号</Text>
              <Input type='number' name='smsPhone' value={smsPhone} onChange={setSmsPhone} maxLength={11} placeholder='请输入手机号' clearable data-testid='login-sms-phone' />
            </View>
            <View className='login-field'>
              <Text className='login-field__label'>短信验证码</Text>
              <SmsCodeRow value={smsCode} onChange={setSmsCode} onSend={sendCode} name='smsCode' testIds={{ input: 'login-smsCode', send: 'login-sms-send' }} />
            </View>
          </View>
        )}

        <View className='login-error-slot'>
          {error ? (
            <Text className='login-error' data-testid='login-error'>
              {error}
            </Text>
          ) : null}
        </View>

        <Button
          type='primary'
          block
          size='large'
          loading={submitting}
          disabled={submitting}
          onClick={() => void (mode === 'password' ? submitPassword() : submitSms())}
          data-testid='login-submit'
        >
          登录
        </Button>
        <View className='login-links'>
          <Text className='login-link' onClick={() => void Taro.navigateTo({ url: Routes.accountForgot })} data-testid='login-forgot'>
            忘记密码？
          </Text>
          <Text className='login-link' onClick={() => void Taro.navigateTo({ url: withQuery(Routes.memberRegister, { redirect }) })} data-testid='login-to-register'>
            注册新账号
          </Text>
        </View>
      </View>

      <Text className='login-admin' onClick={() => void Taro.navigateTo({ url: Routes.adminRegister })} data-testid='login-admin-register'>
        收到管理员注册码？组织管理员注册 ›
      </Text>
    </View>
  );
}
