import { Input } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { FormField } from '../components/form-field';
import { SmsCodeButton } from '../components/sms-code-button';

/** 短信验证码 with its 获取验证码 button (60 s between sends). Test ids: `<testId>`, `<testId>-send`. */
export function SmsField(props: { value: string; onChange: (v: string) => void; onSend: () => Promise<boolean>; error?: string; testId: string }) {
  return (
    <FormField label='短信验证码' required error={props.error} testId={`${props.testId}-field`}>
      <View className='account-sms'>
        <Input
          className='tj-input account-sms__input'
          type='number'
          name={props.testId}
          value={props.value}
          onChange={props.onChange}
          maxLength={6}
          placeholder='6位数字'
          data-testid={props.testId}
        />
        <SmsCodeButton onSend={props.onSend} testId={`${props.testId}-send`} />
      </View>
    </FormField>
  );
}
