import { useRef, useState, type ChangeEvent } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Checkbox } from '@nutui/nutui-react-taro';
import {
  ErrorMessages,
  NOTICE_BODY_MAX_CHARS,
  NOTICE_MAX_ATTACHMENTS,
  NOTICE_TITLE_MAX_CHARS,
  NoticeAudiences,
  NoticeCreateSchema,
  NoticeScopes,
  canPublishNotices,
  isErrorCode,
  type NoticeAudience,
  type NoticeScope,
  type OrgType,
} from '@tj/shared';
import { ChoiceField, FormError, FormSection, TextField, optionsOf } from '../../../components/form-field';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { useAsync } from '../../../hooks/use-async';
import { Routes, withQuery } from '../../../routes';
import { toApiError } from '../../../services/api-error';
import { chooseNoticeFileInWeapp, publishNotice, uploadNoticeFile } from '../../../services/inbox';
import { fetchChildren } from '../../../services/orgs';
import type { PickedFile } from '../../../services/files';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';
import './index.css';

const isH5 = process.env.TARO_ENV !== 'weapp';

interface Attached {
  fileId: string;
  name: string;
  mime: string;
}

/**
 * [004 §一 2] 发布工作通知: a committee's admin writes a notice (title, text, PDF / image
 * attachments) for its whole subtree or chosen sub-orgs, everyone or cadres only. Nothing is
 * copied per recipient: they find it in their 消息中心.
 */
export default function NoticePublishPage() {
  const { allowed, orgId, org } = useOrgPage();
  const detail = org.data;
  const committee = detail ? canPublishNotices(detail.type as OrgType) : false;
  const children = useAsync(allowed && orgId && committee ? () => fetchChildren(orgId) : null, [allowed, orgId, committee]);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [audience, setAudience] = useState<NoticeAudience>('everyone');
  const [scope, setScope] = useState<NoticeScope>('subtree');
  const [chosen, setChosen] = useState<string[]>([]);
  const [files, setFiles] = useState<Attached[]>([]);
  const [uploading, setUploading] = useState<number | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const send = async (picked: PickedFile, name: string, size: number) => {
    setFormError('');
    setUploading(0);
    try {
      const r = await uploadNoticeFile(orgId, picked, size, setUploading);
      setFiles((old) => [...old, { fileId: r.fileId, name, mime: r.mime }]);
    } catch (e) {
      setFormError(`${name}：${toApiError(e).message}`);
    } finally {
      setUploading(null);
    }
  };

  const pick = async () => {
    if (isH5) return fileInput.current?.click();
    try {
      const f = await chooseNoticeFileInWeapp();
      await send(f.picked, f.name, f.size);
    } catch {
      // closing the chooser is not an error
    }
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void send({ kind: 'web', file }, file.name, file.size);
  };

  const submit = async () => {
    const input = { title, body, audience, scope, targetOrgIds: scope === 'chosen' ? chosen : [], attachments: files.map((f) => ({ fileId: f.fileId, name: f.name })) };
    const parsed = NoticeCreateSchema.safeParse(input);
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const i of parsed.error.issues) {
        const key = String(i.path[0] ?? 'form');
        if (!next[key]) next[key] = isErrorCode(i.message) ? ErrorMessages[i.message] : ErrorMessages.VALIDATION_FAILED;
      }
      setErrors(next);
      return;
    }
    if (scope === 'chosen' && chosen.length === 0) {
      setErrors({ targetOrgIds: ErrorMessages.NOTICE_TARGETS_REQUIRED });
      return;
    }
    setErrors({});
    setFormError('');
    setBusy(true);
    try {
      await publishNotice(orgId, parsed.data);
      void Taro.showToast({ title: '通知已发布', icon: 'success' });
      void Taro.redirectTo({ url: withQuery(Routes.adminNotices, { orgId }) });
    } catch (e) {
      const err = toApiError(e);
      if (err.field) setErrors({ [err.field]: err.message });
      else setFormError(err.message);
    } finally {
      setBusy(false);
    }
  };

  if (!allowed) return null;

  return (
    <View className='admin-page' data-testid='notice-publish-page'>
      <PageStatus loading={org.loading && !detail} error={org.error} onRetry={org.reload} testId='notice-publish-page'>
        {detail ? (
          <>
            <OrgHeader org={detail} subtitle='发布工作通知' />
            {!committee ? (
              <View className='admin-notice' data-testid='notice-publish-not-committee'>
                {ErrorMessages.NOTICE_PUBLISHER_NOT_COMMITTEE}
              </View>
            ) : (
              <>
                <FormSection title='通知内容'>
                  <TextField label='标题' required value={title} onChange={setTitle} maxLength={NOTICE_TITLE_MAX_CHARS} error={errors.title} testId='notice-title' />
                  <TextField label='正文' required multiline value={body} onChange={setBody} maxLength={NOTICE_BODY_MAX_CHARS} error={errors.body} testId='notice-body' />
                </FormSection>
                <FormSection title='发送范围'>
                  <ChoiceField label='接收对象' value={audience} options={optionsOf(NoticeAudiences)} onChange={(v) => setAudience(v as NoticeAudience)} testId='notice-audience' />
                  <ChoiceField label='范围' value={scope} options={optionsOf(NoticeScopes)} onChange={(v) => setScope(v as NoticeScope)} testId='notice-scope' />
                  {scope === 'chosen' ? (
                    <View className='notice-targets' data-testid='notice-targets'>
                      {(children.data ?? []).map((c) => (
                        <View key={c.id} className='notice-target' data-testid={`notice-target-${c.id}`}>
                          <Checkbox checked={chosen.includes(c.id)} onChange={(on) => setChosen((old) => (on ? [...old, c.id] : old.filter((x) => x !== c.id)))} label={c.shortName} />
                        </View>
                      ))}
                      {children.data && children.data.length === 0 ? <Text className='notice-hint'>本组织暂无下级组织</Text> : null}
                      <Text className='notice-hint'>所选组织及其全部下级组织都会收到通知</Text>
                      {errors.targetOrgIds ? <Text className='notice-field-error'>{errors.targetOrgIds}</Text> : null}
                    </View>
                  ) : null}
                </FormSection>
                <FormSection title={`附件（PDF或图片，单个≤10MB，最多${NOTICE_MAX_ATTACHMENTS}个）`}>
                  <View className='notice-files' data-testid='notice-files'>
                    {files.map((f) => (
                      <View key={f.fileId} className='notice-file-row'>
                        <Text className='notice-file-row__name'>
                          <Text className='notice-file-row__tag'>{f.mime === 'application/pdf' ? 'PDF' : '图片'}</Text>
                          {f.name}
                        </Text>
                        <Text className='notice-file-row__remove' onClick={() => setFiles((old) => old.filter((x) => x.fileId !== f.fileId))}>
                          移除
                        </Text>
                      </View>
                    ))}
                    {uploading !== null ? <Text className='notice-hint'>上传中 {Math.round(uploading * 100)}%</Text> : null}
                    {files.length < NOTICE_MAX_ATTACHMENTS ? (
                      <Button size='small' fill='outline' disabled={uploading !== null} onClick={() => void pick()} data-testid='notice-add-file'>
                        添加附件
                      </Button>
                    ) : null}
                    {errors.attachments ? <Text className='notice-field-error'>{errors.attachments}</Text> : null}
                  </View>
                </FormSection>
                <FormError message={formError} testId='notice-publish-error' />
                <View className='admin-actions'>
                  <Button type='primary' block loading={busy} disabled={uploading !== null} onClick={() => void submit()} data-testid='notice-submit'>
                    发布
                  </Button>
                </View>
                {isH5 ? (
                  <input
                    ref={fileInput}
                    className='notice-input'
                    type='file'
                    accept='application/pdf,.pdf,image/jpeg,image/png,image/webp'
                    onChange={onFile}
                    data-testid='notice-file-input'
                  />
                ) : null}
              </>
            )}
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}
