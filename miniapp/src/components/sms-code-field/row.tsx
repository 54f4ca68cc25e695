import { View } from '@tarojs/components';
import { Input } from '@nutui/nutui-react-taro';
import { SmsCodeButton } from './sms-code-button';
import './index.css';

export interface SmsCodeRowProps {
  value: string;
  onChange: (value: string) => void;
  /** Sends the code; resolve true to start the resend countdown. */
  onSend: () => Promise<boolean>;
  placeholder?: string;
  name?: string;
  /** Test ids of the input and of its 获取验证码 button. */
  testIds: { input: string; send: string };
  /** Inside a form field: the field's input style. */
  framed?: boolean;
}

/**
 * The 6-digit input and its 获取验证码 button. The login page (main package) uses the row
 * alone: importing the form-field frame would carry every picker into the main package.
 */
export function SmsCodeRow(props: SmsCodeRowProps) {
  return (
    <View className='sms-code-field'>
      <Input
        className={props.framed ? 'tj-input sms-code-field__input' : 'sms-code-field__input'}
        type='number'
        name={props.name ?? props.testIds.input}
        value={props.value}
        onChange={props.onChange}
        maxLength={6}
        placeholder={props.placeholder ?? '6位数字'}
        data-testid={props.testIds.input}
      />
      <SmsCodeButton onSend={props.onSend} testId={props.testIds.send} />
    </View>
  );
}
