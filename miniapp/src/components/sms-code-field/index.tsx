import { View } from '@tarojs/components';
import { Input } from '@nutui/nutui-react-taro';
import { FormField } from '../form-field';
import { SmsCodeButton } from './sms-code-button';
import './index.css';

interface SmsCodeFieldProps {
  value: string;
  onChange: (value: string) => void;
  /** Sends the code; resolve true to start the resend countdown. */
  onSend: () => Promise<boolean>;
  error?: string;
  label?: string;
  placeholder?: string;
  name?: string;
  /** Test ids of the control, its 获取验证码 button and the field (error: `<field>-error`). */
  testIds: { input: string; send: string; field?: string };
  /** Inside a layout of its own (the login page): the row only, without the form-field frame. */
  bare?: boolean;
  className?: string;
}

/** 短信验证码: the 6-digit input and its 获取验证码 button, the one way every form asks for an SMS code. */
export function SmsCodeField(props: SmsCodeFieldProps) {
  const { testIds } = props;
  const row = (
    <View className={`sms-code-field${props.className ? ` ${props.className}` : ''}`}>
      <Input
        className={props.bare ? 'sms-code-field__input' : 'tj-input sms-code-field__input'}
        type='number'
        name={props.name ?? testIds.input}
        value={props.value}
        onChange={props.onChange}
        maxLength={6}
        placeholder={props.placeholder ?? '6位数字'}
        data-testid={testIds.input}
      />
      <SmsCodeButton onSend={props.onSend} testId={testIds.send} />
    </View>
  );
  if (props.bare) return row;
  return (
    <FormField label={props.label ?? '短信验证码'} required error={props.error} testId={testIds.field ?? `${testIds.input}-field`}>
      {row}
    </FormField>
  );
}
