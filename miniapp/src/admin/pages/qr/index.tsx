import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { Button, Tabs } from '@nutui/nutui-react-taro';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { useAsync } from '../../../hooks/use-async';
import { toApiError } from '../../../services/api-error';
import { saveImage } from '../../../services/files';
import { QrKinds, type QrKind } from '@tj/shared';
import { fetchQr, orgTypeOf, qrKindsFor } from '../../../services/orgs';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';
import './index.css';

const INSTRUCTIONS: Record<QrKind, string> = {
  checkin: '团员使用微信“扫一扫”扫描上方二维码，进入本团支部完成报到。',
  cadre: '已录入本组织团干部名册的团干部使用微信“扫一扫”扫描上方二维码，完成入驻。',
};

/** Printable QR codes: check-in (团支部 only) and cadre onboarding (§4.1, §6.2). */
export default function QrPage() {
  const { allowed, orgId, org, params } = useOrgPage();
  const detail = org.data;
  const kinds = detail ? qrKindsFor(orgTypeOf(detail)) : [];
  const requested = params.kind === 'checkin' || params.kind === 'cadre' ? params.kind : undefined;
  const [chosen, setChosen] = useState<QrKind | undefined>(requested);
  const kind: QrKind | undefined = chosen && kinds.includes(chosen) ? chosen : kinds[0];
  const qr = useAsync(allowed && orgId && kind ? () => fetchQr(orgId, kind) : null, [allowed, orgId, kind]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');

  if (!allowed) return null;

  const save = async () => {
    if (!qr.data || !kind) return;
    setSaving(true);
    setError('');
    try {
      await saveImage(qr.data.imageDataUrl, `${qr.data.orgFullName}-${QrKinds[kind]}.png`);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (e) {
      const message = (e as { errMsg?: string })?.errMsg;
      setError(message?.includes('auth') ? '请在设置中允许保存到相册后重试' : toApiError(e).message);
    } finally {
      setSaving(false);
    }
  };

  // Admins print the code and also forward its link (issue 13 item 19); in H5 Taro copies via execCommand.
  const copy = () => {
    if (!qr.data) return;
    setError('');
    Taro.setClipboardData({ data: qr.data.url })
      .then(() => Taro.showToast({ title: '链接已复制', icon: 'none' }))
      .catch(() => setError('复制失败，请长按链接手动复制'));
  };

  return (
    <View className='admin-page' data-testid='qr-page'>
      <PageStatus loading={org.loading} error={org.error} onRetry={org.reload} testId='qr-page'>
        {detail && kind ? (
          <>
            <OrgHeader org={detail} subtitle='二维码' />
            {kinds.length > 1 ? (
              <Tabs value={kind} onChange={(v) => setChosen(v as QrKind)} data-testid='qr-tabs'>
                {kinds.map((k) => (
                  <Tabs.TabPane key={k} title={QrKinds[k]} value={k} />
                ))}
              </Tabs>
            ) : null}
            <View className='qr-card' data-testid='qr-card'>
              <Text className='qr-card__kind'>{QrKinds[kind]}</Text>
              <PageStatus loading={qr.loading} error={qr.error} onRetry={qr.reload} testId='qr'>
                {qr.data ? (
                  <>
                    <Text className='qr-card__org' data-testid='qr-org-name'>
                      {qr.data.orgFullName}
                    </Text>
                    <Image className='qr-card__image' src={qr.data.imageDataUrl} mode='aspectFit' data-testid='qr-image' />
                    <Text className='qr-card__hint'>{INSTRUCTIONS[kind]}</Text>
                    <View className='qr-card__link'>
                      <Text className='qr-card__link-label'>二维码链接（可转发给无法扫码的人）</Text>
                      <Text className='qr-card__url' userSelect data-testid='qr-url'>
                        {qr.data.url}
                      </Text>
                      <Button size='small' fill='outline' type='primary' onClick={copy} data-testid='qr-copy'>
                        复制链接
                      </Button>
                    </View>
                  </>
                ) : null}
              </PageStatus>
            </View>
            {error ? (
              <View className='admin-error' data-testid='qr-error'>
                {error}
              </View>
            ) : null}
            <View className='admin-actions'>
              <Button type='primary' loading={saving} disabled={!qr.data || saving} onClick={save} data-testid='qr-save'>
                保存图片
              </Button>
            </View>
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
