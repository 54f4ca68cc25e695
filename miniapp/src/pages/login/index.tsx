import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Form, Input } from '@nutui/nutui-react-taro';
import type { Login } from '@tj/shared';
import { toApiError, type ApiError } from '../../services/api-error';
import { inAppRedirect, restartAt } from '../../services/navigation';
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

export default function LoginPage() {
  const login = useAppStore((s) => s.login);
  const [form] = Form.useForm();
  const [error, setError] = useState('');
  const [submitting, setSubmitting] = useState(false);
  // e.g. the cadre invitation page, to come back to once logged in
  const redirect = inAppRedirect(usePageParams().redirect);

  const onFinish = async (values: Partial<Login>) => {
    setError('');
    setSubmitting(true);
    try {
      await login({ phone: values.phone ?? '', password: values.password ?? '' });
      void restartAt(redirect ?? Routes.status);
    } catch (e) {
      setError(describe(toApiError(e)));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <View className='login-page'>
      <View className='login-hero'>
        <View className='login-emblem'>团</View>
        <Text className='login-title'>智慧团建</Text>
        <Text className='login-subtitle'>共青团员报到 · 团干部工作平台</Text>
      </View>

      <View className='login-card'>
        <Form form={form} labelPosition='top' divider onFinish={onFinish}>
          <Form.Item label='手机号' name='phone'>
            <Input
              type='number'
              name='phone'
              maxLength={11}
              placeholder='请输入手机号'
              clearable
              data-testid='login-phone'
            />
          </Form.Item>
          <Form.Item label='密码' name='password'>
            <Input
              type='password'
              name='password'
              maxLength={64}
              placeholder='请输入密码'
              data-testid='login-password'
            />
          </Form.Item>
        </Form>

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
          onClick={() => form.submit()}
          data-testid='login-submit'
        >
          登录
        </Button>
        <Text className='login-register' onClick={() => void Taro.navigateTo({ url: withQuery(Routes.memberRegister, { redirect }) })} data-testid='login-to-register'>
          没有账号？注册新账号
        </Text>
      </View>
    </View>
  );
}
