import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { chinaDateTime } from '@tj/shared';
import { PageStatus } from '../../../components/page-status';
import { PrivateImage } from '../../../components/private-image';
import { useAsync } from '../../../hooks/use-async';
import { usePageParams } from '../../../hooks/use-page-params';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { toApiError } from '../../../services/api-error';
import { fetchNotice, markNoticeRead, openAttachment, type NoticeAttachment } from '../../../services/inbox';
import '../../inbox.css';

const sizeOf = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(bytes / 1024))}KB`);

/** 通知详情 (?id=): opening it marks it read — that is what the publisher's 阅读情况 counts. */
export default function NoticePage() {
  const allowed = useRequireLogin();
  const { id = '' } = usePageParams();
  const notice = useAsync(allowed && id ? () => fetchNotice(id) : null, [allowed, id]);
  const [fileError, setFileError] = useState('');
  const n = notice.data;

  useEffect(() => {
    if (n && !n.read) void markNoticeRead(n.id).catch(() => undefined);
  }, [n]);

  const open = async (a: NoticeAttachment) => {
    setFileError('');
    try {
      await openAttachment(a);
    } catch (e) {
      setFileError(`${a.name}：${toApiError(e).message}`);
    }
  };

  if (!allowed) return null;
  const pdfs = n?.attachments.filter((a) => a.mime === 'application/pdf') ?? [];
  const images = n?.attachments.filter((a) => a.mime !== 'application/pdf') ?? [];

  return (
    <View className='inbox-page' data-testid='notice-page'>
      <PageStatus loading={notice.loading && !n} error={notice.error} onRetry={notice.reload} testId='notice-page'>
        {n ? (
          <>
            <View className='tj-card'>
              <Text className='notice-title' data-testid='notice-title'>
                {n.title}
              </Text>
              <View className='notice-meta'>
                <Text data-testid='notice-org'>{n.orgName}</Text>
                <Text>{chinaDateTime(n.publishedAt)}</Text>
                <Text>{n.audienceLabel}</Text>
              </View>
              <Text className='notice-body' data-testid='notice-body'>
                {n.body}
              </Text>
            </View>
            {n.attachments.length > 0 ? (
              <View className='tj-card' data-testid='notice-files'>
                <Text className='notice-files__title'>附件（{n.attachments.length}）</Text>
                {pdfs.map((a) => (
                  <View key={a.fileId} className='notice-file' onClick={() => void open(a)} data-testid={`notice-file-${a.fileId}`}>
                    <Text>
                      <Text className='notice-file__tag'>PDF</Text>
                      {a.name}
                    </Text>
                    <Text className='notice-file__size'>{sizeOf(a.size)} ›</Text>
                  </View>
                ))}
                {images.map((a) => (
                  <View key={a.fileId} className='notice-image'>
                    <PrivateImage url={a.url} testId={`notice-image-${a.fileId}`} />
                  </View>
                ))}
                {fileError ? <View className='inbox-error'>{fileError}</View> : null}
              </View>
            ) : null}
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
