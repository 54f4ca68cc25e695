import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ArchiveCard } from '../../../components/archive-card';
import { PageStatus } from '../../../components/page-status';
import { useAsync } from '../../../hooks/use-async';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { toApiError } from '../../../services/api-error';
import { downloadArchive, fetchMyArchive } from '../../../services/archives';
import '../../member.css';
import './index.css';

const EXPLAIN: Record<string, string> = {
  notRequired: '您于2020年以前入团，目前无需上传电子版《入团志愿书》。',
  uncertified: '您的电子版《入团志愿书》尚未上传。请联系所在团支部，由团支部或其上级团组织管理员上传；完成团员身份认证前无法办理组织关系转接。',
  pending: '您的电子版《入团志愿书》已上传，正在等待上级团委审批。',
  rejected: '上级团委审批未通过，所在团组织将按审批意见修改后重新上传。',
  certified: '您已完成团员身份认证。',
};

/** [004 §二(四)4(2)(i)] 我的团员电子档案: the member's state and the uploaded 入团志愿书. */
export default function MyArchivePage() {
  const allowed = useRequireLogin();
  const archive = useAsync(allowed ? fetchMyArchive : null, [allowed]);
  const [error, setError] = useState('');
  const item = archive.data;

  if (!allowed) return null;
  return (
    <View className='member-page my-archive' data-testid='my-archive'>
      <PageStatus loading={archive.loading && !item} error={archive.error} onRetry={archive.reload} testId='my-archive'>
        {item ? (
          <>
            <View className='member-card my-archive__card'>
              <ArchiveCard item={item} testId='my-archive-card' showMember={false} />
              <Text className='my-archive__explain' data-testid='my-archive-explain'>
                {EXPLAIN[item.state]}
              </Text>
            </View>
            <View className='member-card my-archive__card'>
              <Text className='member-card__title'>基本信息</Text>
              <Text className='my-archive__kv'>姓名：{item.name}</Text>
              <Text className='my-archive__kv'>入团年月：{item.joinedAt}</Text>
              <Text className='my-archive__kv'>发展团员编号：{item.developmentNumber ?? '未填写'}</Text>
              <Text className='my-archive__kv'>所在团支部：{item.branchName}</Text>
            </View>
            {error ? <View className='my-archive__error'>{error}</View> : null}
            {item.file ? (
              <View className='my-archive__actions'>
                <Button block type='primary' onClick={() => void downloadArchive(item).catch((e) => setError(toApiError(e).message))} data-testid='my-archive-download'>
                  查看电子版《入团志愿书》
                </Button>
              </View>
            ) : null}
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
