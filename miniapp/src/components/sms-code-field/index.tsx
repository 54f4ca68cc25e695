import { FormField } from '../form-field';
import { SmsCodeRow, type SmsCodeRowProps } from './row';

interface SmsCodeFieldProps extends Omit<SmsCodeRowProps, 'framed' | 'testIds'> {
  error?: string;
  label?: string;
  /** Test ids of the input, its 获取验证码 button and the field (error: `<field>-error`). */
  testIds: { input: string; send: string; field?: string };
}

/** 短信验证码 as a form field: the one way every form asks for an SMS code (the login page uses its row). */
export function SmsCodeField({ error, label, testIds, ...row }: SmsCodeFieldProps) {
  return (
    <FormField label={label ?? '短信验证码'} required error={error} testId={testIds.field ?? `${testIds.input}-field`}>
      <SmsCodeRow {...row} testIds={testIds} framed />
    </FormField>
  );
}
