import type { ReactNode } from 'react';
import { Dialog } from '@nutui/nutui-react-taro';

interface ConfirmDialogProps {
  visible: boolean;
  title: string;
  content: ReactNode;
  confirmText?: string;
  /** Resolves to close; rejections keep the dialog open (the page shows the error). */
  onConfirm: () => Promise<void> | void;
  onClose: () => void;
}

/** 确认 / 取消 before something that cannot be undone (删除, 移出名册). */
export function ConfirmDialog({ visible, title, content, confirmText = '确定', onConfirm, onClose }: ConfirmDialogProps) {
  return (
    <Dialog
      visible={visible}
      title={title}
      content={content}
      confirmText={confirmText}
      cancelText='取消'
      onConfirm={async () => {
        await onConfirm();
      }}
      onCancel={onClose}
      onClose={onClose}
    />
  );
}
