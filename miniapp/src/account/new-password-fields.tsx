import { ErrorMessages } from '@tj/shared';
import { TextField } from '../components/form-field';

interface Props {
  password: string;
  confirmPassword: string;
  onChange: (field: 'password' | 'confirmPassword') => (value: string) => void;
  errors: Partial<Record<string, string>>;
  /** Prefix of the fields' test ids (`<prefix>-password`, `<prefix>-confirmPassword`). */
  testId: string;
}

/** 新密码 + 确认新密码, as the forgot, reset-code and settings pages ask them (rule: shared PasswordSchema). */
export function NewPasswordFields({ password, confirmPassword, onChange, errors, testId }: Props) {
  return (
    <>
      <TextField
        label='新密码'
        required
        type='password'
        value={password}
        onChange={onChange('password')}
        error={errors.password}
        maxLength={64}
        hint={ErrorMessages.PASSWORD_INVALID}
        testId={`${testId}-password`}
      />
      <TextField
        label='确认新密码'
        required
        type='password'
        value={confirmPassword}
        onChange={onChange('confirmPassword')}
        error={errors.confirmPassword}
        maxLength={64}
        placeholder='请再次输入新密码'
        testId={`${testId}-confirmPassword`}
      />
    </>
  );
}
