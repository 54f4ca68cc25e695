import { useEffect, useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import { SMS_RESEND_AFTER_SECONDS } from '@tj/shared';

interface SmsCodeButtonProps {
  /** Sends the code; resolve to start the countdown, reject (shown by the caller) not to. */
  onSend: () => Promise<boolean>;
  testId: string;
}

/** 获取验证码 with the wait the server enforces per phone (SMS_RESEND_AFTER_SECONDS, in shared/). */
export function SmsCodeButton({ onSend, testId }: SmsCodeButtonProps) {
  const [left, setLeft] = useState(0);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    if (left <= 0) return undefined;
    const timer = setTimeout(() => setLeft((n) => n - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);

  const send = async () => {
    setSending(true);
    try {
      if (await onSend()) setLeft(SMS_RESEND_AFTER_SECONDS);
    } finally {
      setSending(false);
    }
  };

  return (
    <Button size='small' type='primary' fill='outline' disabled={left > 0 || sending} loading={sending} onClick={send} data-testid={testId}>
      {left > 0 ? `${left}秒后重新获取` : '获取验证码'}
    </Button>
  );
}
