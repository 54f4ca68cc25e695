import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { FormError, FormSection, TextField } from '../../../components/form-field';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { Routes } from '../../../routes';
import { checkChangePassword, emptyChangePassword, type ChangePasswordValues } from '../../../services/account';
import { useForm } from '../../../hooks/use-form';
import { restartAt } from '../../../services/navigation';
import { useAppStore } from '../../../stores';
import { NewPasswordFields } from '../../new-password-fields';
import '../../account.css';

/** 账号设置: the account's phone, 修改密码 (the current password first), 退出登录. */
export default function SettingsPage() {
  const allowed = useRequireLogin();
  const user = useAppStore((s) => s.user);
  const changePassword = useAppStore((s) => s.changePassword);
  const logout = useAppStore((s) => s.logout);
  const form = useForm(emptyChangePassword, checkChangePassword);
  const { values, errors, submitting } = form;
  const [done, setDone] = useState(false);

  if (!allowed || !user) return null;

  const set = (field: keyof ChangePasswordValues) => (value: string) => {
    form.set(field)(value);
    setDone(false);
  };

  const submit = () =>
    form.submit(async (body) => {
      await changePassword(body);
      form.setValues(emptyChangePassword());
      setDone(true);
    });

  return (
    <View className='account-page' data-testid='settings-page'>
      <Cell.Group title='当前账号'>
        <Cell title='手机号' extra={<Text data-testid='settings-phone'>{user.phone}</Text>} />
      </Cell.Group>
      <FormSection title='修改密码'>
        <TextField label='原密码' required type='password' value={values.oldPassword} onChange={set('oldPassword')} error={errors.oldPassword} maxLength={64} testId='settings-oldPassword' />
        <NewPasswordFields password={values.password} confirmPassword={values.confirmPassword} onChange={set} errors={errors} testId='settings' />
      </FormSection>
      {done ? (
        <View className='account-notice account-notice--done' data-testid='settings-done'>
          密码已修改。其他设备上的登录已退出，本机保持登录。
        </View>
      ) : null}
      <FormError message={errors['']} testId='settings-error' />
      <View className='account-actions'>
        <Button type='primary' size='large' block loading={submitting} disabled={submitting} onClick={submit} data-testid='settings-submit'>
          修改密码
        </Button>
        <Button
          size='large'
          block
          onClick={() => {
            logout();
            void restartAt(Routes.login);
          }}
          data-testid='settings-logout'
        >
          退出登录
        </Button>
      </View>
    </View>
  );
}
