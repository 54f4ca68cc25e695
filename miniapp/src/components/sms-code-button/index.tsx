import { useEffect, useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';

const WAIT_SECONDS = 60;

interface SmsCodeButtonProps {
  /** Sends the code; resolve to start the countdown, reject (shown by the caller) not to. */
  onSend: () => Promise<boolean>;
  testId: string;
}

/** 获取验证码 with the 60-second wait the server enforces per phone (1 SMS a minute). */
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
      if (await onSend()) setLeft(WAIT_SECONDS);
    } finally {
      setSending(false);
    }
  };

  return (
    <Button
      size='small'
      type='primary'
      fill='outline'
      disabled={left > 0 || sending}
      loading={sending}
      onClick={send}
      data-testid={testId}
    >
      {left > 0 ? `${left}秒后重新获取` : '获取验证码'}
    </Button>
  );
}
