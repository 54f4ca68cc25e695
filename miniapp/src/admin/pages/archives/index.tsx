import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { REASON_MAX_CHARS, type ArchiveItem, type ArchiveState } from '@tj/shared';
import { ArchiveCard } from '../../../components/archive-card';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState } from '../../../components/empty-state';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { toApiError, type ApiError } from '../../../services/api-error';
import { downloadArchive, fetchArchiveSummary, fetchArchives, uploadArchive, type ArchiveSummary } from '../../../services/archives';
import { choosePdfInWeapp, type PickedFile } from '../../../services/files';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';
import './index.css';

const FILTERS: { key: ArchiveState | ''; label: string }[] = [
  { key: '', label: '全部' },
  { key: 'uncertified', label: '尚未认证' },
  { key: 'pending', label: '待审批' },
  { key: 'rejected', label: '认证不通过' },
  { key: 'certified', label: '已认证' },
];

const isH5 = process.env.TARO_ENV !== 'weapp';

/**
 * [004 §二(四)] 团员电子数据库: the 2020+ members of the org and below with their 团员身份认证
 * state; search by name, ID number or development number; 上传档案 / 替换档案 / 申请变更 (a PDF
 * ≤ 20 MB, with progress) where this org may upload; download the PDF.
 */
export default function ArchivesPage() {
  const { allowed, orgId, org, params } = useOrgPage();
  const [q, setQ] = useState('');
  const [state, setState] = useState<ArchiveState | ''>((params.state as ArchiveState | undefined) ?? '');
  const [items, setItems] = useState<ArchiveItem[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [summary, setSummary] = useState<ArchiveSummary | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [actionError, setActionError] = useState('');
  const [progress, setProgress] = useState<{ id: string; fraction: number } | null>(null);
  const [changeFor, setChangeFor] = useState<ArchiveItem | null>(null);
  const [changeReason, setChangeReason] = useState('');
  const target = useRef<{ item: ArchiveItem; changeReason?: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const load = async (offset: number, reset: boolean, filter = state, term = q) => {
    setLoading(true);
    setError(null);
    try {
      const [page, s] = await Promise.all([fetchArchives(orgId, { q: term.trim(), state: filter, offset }), reset ? fetchArchiveSummary(orgId) : Promise.resolve(null)]);
      setItems((prev) => (reset ? page.items : [...prev, ...page.items]));
      setNext(page.nextOffset);
      if (s) setSummary(s);
      setLoaded(true);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    if (allowed && orgId) void load(0, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [allowed, orgId]);

  const send = async (picked: PickedFile, size: number) => {
    const t = target.current;
    if (!t) return;
    setActionError('');
    setProgress({ id: t.item.checkinId, fraction: 0 });
    try {
      const updated = await uploadArchive(orgId, t.item.checkinId, picked, size, {
        changeReason: t.changeReason,
        onProgress: (fraction) => setProgress({ id: t.item.checkinId, fraction }),
      });
      setItems((prev) => prev.map((i) => (i.checkinId === updated.checkinId ? { ...updated, canUpload: i.canUpload } : i)));
      setSummary(await fetchArchiveSummary(orgId).catch(() => summary));
    } catch (e) {
      setActionError(`${t.item.name}：${toApiError(e).message}`);
    } finally {
      setProgress(null);
      target.current = null;
    }
  };

  const pick = async (item: ArchiveItem, reason?: string) => {
    target.current = { item, changeReason: reason };
    if (isH5) {
      fileInput.current?.click();
      return;
    }
    try {
      const { picked, size } = await choosePdfInWeapp();
      await send(picked, size);
    } catch {
      // closing the chooser is not an error
    }
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void send({ kind: 'web', file }, file.size);
  };

  const download = async (item: ArchiveItem) => {
    setActionError('');
    try {
      await downloadArchive(item);
    } catch (e) {
      setActionError(toApiError(e).message);
    }
  };

  if (!allowed) return null;
  const detail = org.data;

  return (
    <View className='admin-page' data-testid='archives-page'>
      <PageStatus loading={org.loading} error={org.error} onRetry={org.reload} testId='archives-page'>
        {detail ? (
          <>
            <OrgHeader org={detail} subtitle='团员电子档案' />
            {summary?.prompt ? (
              <View className='admin-notice' data-testid='archives-prompt'>
                {summary.prompt}
              </View>
            ) : null}
            {summary ? (
              <View className='archives-counts' data-testid='archives-counts'>
                <Text>尚未认证 {summary.uncertified}</Text>
                <Text>待审批 {summary.pending}</Text>
                <Text>认证不通过 {summary.rejected}</Text>
                <Text>已认证 {summary.certified}</Text>
              </View>
            ) : null}
            <View className='archives-search'>
              <View className='archives-search__input'>
                <Input value={q} onChange={setQ} placeholder='姓名、身份证号或发展团员编号' maxLength={50} clearable data-testid='archives-q' />
              </View>
              <Button size='small' type='primary' onClick={() => load(0, true)} data-testid='archives-search'>
                搜索
              </Button>
            </View>
            <View className='archives-filters'>
              {FILTERS.map((f) => (
                <Text
                  key={f.key || 'all'}
                  className={`archives-filter${state === f.key ? ' archives-filter--on' : ''}`}
                  onClick={() => {
                    setState(f.key);
                    void load(0, true, f.key);
                  }}
                  data-testid={`archives-filter-${f.key || 'all'}`}
                >
                  {f.label}
                </Text>
              ))}
            </View>
            <Text className='archives-hint'>2020年及以后入团的团员须上传1份PDF格式的电子版《入团志愿书》（不超过20MB），团支部、团总支上传后须经上级团委审批。</Text>
            {actionError ? (
              <View className='admin-error' data-testid='archives-error'>
                {actionError}
              </View>
            ) : null}
            <View className='admin-section'>
              <PageStatus loading={!loaded && loading} error={loaded ? null : error} onRetry={() => load(0, true)} testId='archives-list'>
                {items.length === 0 ? (
                  <View className='admin-card'>
                    <EmptyState title='没有符合条件的团员' description='只列出2020年及以后入团的团员' />
                  </View>
                ) : (
                  <View className='admin-card' data-testid='archives-list'>
                    {items.map((item) => {
                      const busy = progress?.id === item.checkinId;
                      return (
                        <ArchiveCard key={item.checkinId} item={item} testId={`archive-${item.checkinId}`}>
                          {item.file ? (
                            <Button size='small' onClick={() => download(item)} data-testid={`archive-${item.checkinId}-download`}>
                              下载
                            </Button>
                          ) : null}
                          {item.canUpload && (item.state === 'uncertified' || item.state === 'rejected') ? (
                            <Button size='small' type='primary' loading={busy} disabled={progress !== null} onClick={() => pick(item)} data-testid={`archive-${item.checkinId}-upload`}>
                              {item.state === 'rejected' ? '替换档案' : '上传档案'}
                            </Button>
                          ) : null}
                          {item.canUpload && item.state === 'certified' && !item.pendingChange ? (
                            <Button size='small' disabled={progress !== null} onClick={() => setChangeFor(item)} data-testid={`archive-${item.checkinId}-change`}>
                              申请变更
                            </Button>
                          ) : null}
                          {busy ? (
                            <View className='archives-progress-row' data-testid={`archive-${item.checkinId}-progress`}>
                              <View className='archive-progress'>
                                <View className='archive-progress__bar' style={{ width: `${Math.round((progress?.fraction ?? 0) * 100)}%` }} />
                              </View>
                              <Text className='admin-muted'>正在上传 {Math.round((progress?.fraction ?? 0) * 100)}%</Text>
                            </View>
                          ) : null}
                        </ArchiveCard>
                      );
                    })}
                  </View>
                )}
              </PageStatus>
              {loaded && next != null ? (
                <View className='admin-actions'>
                  <Button loading={loading} onClick={() => load(next, false)} data-testid='archives-more'>
                    加载更多
                  </Button>
                </View>
              ) : null}
            </View>
            {isH5 ? <input ref={fileInput} className='archives-input' type='file' accept='application/pdf,.pdf' onChange={onFile} data-testid='archives-file' /> : null}
            <ConfirmDialog
              visible={changeFor !== null}
              title='申请变更电子档案'
              confirmText='选择新文件'
              content={
                <View data-testid='archives-change-reason'>
                  <TextArea value={changeReason} onChange={setChangeReason} placeholder='请填写变更理由，经上级团委审批同意后生效' maxLength={REASON_MAX_CHARS} showCount />
                </View>
              }
              onConfirm={() => {
                const item = changeFor;
                setChangeFor(null);
                if (item) void pick(item, changeReason.trim());
                setChangeReason('');
              }}
              onClose={() => setChangeFor(null)}
            />
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
