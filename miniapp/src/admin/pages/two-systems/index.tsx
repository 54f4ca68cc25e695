import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CampaignKinds, ErrorMessages, issueCode, openCampaignSchema, todayInChina, yearInChina, type Campaign, type CampaignKind, type CampaignProgress } from '@tj/shared';
import { EmptyState } from '../../../components/empty-state';
import { ChoiceField, FormSection, TextField, optionsOf } from '../../../components/form-field';
import { OrgHeader } from '../../../components/org-header';
import { PageStatus } from '../../../components/page-status';
import { campaignTitle, WindowTag } from '../../../components/two-systems';
import { useAsync } from '../../../hooks/use-async';
import { Routes } from '../../../routes';
import { toApiError } from '../../../services/api-error';
import { fetchCampaigns, fetchProgress, openCampaign } from '../../../services/two-systems';
import { openPage } from '../../nav';
import { useOrgPage } from '../../use-org-page';
import '../../admin.css';
import './index.css';

const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * 两制 for a committee [004 §二 9 "根据校团委、二级团委下发通知及时完成团员教育评议/年度团籍注册工作"]:
 * open a year for the subtree with a window, and follow each direct sub-org's progress.
 */
export default function TwoSystemsPage() {
  const { allowed, orgId, org } = useOrgPage();
  const [kind, setKind] = useState<CampaignKind>('registration');
  const today = todayInChina();
  const [form, setForm] = useState({ year: String(yearInChina()), startsOn: today, endsOn: plusDays(today, 30) });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [opened, setOpened] = useState<string | null>(null);
  const campaigns = useAsync(allowed && orgId ? () => fetchCampaigns(orgId, kind) : null, [allowed, orgId, kind]);

  if (!allowed) return null;
  const detail = org.data;

  const submit = async () => {
    const body = { kind, year: Number(form.year), startsOn: form.startsOn.trim(), endsOn: form.endsOn.trim() };
    const parsed = openCampaignSchema(today).safeParse(body);
    if (!parsed.success) {
      const e: Record<string, string> = {};
      for (const i of parsed.error.issues) e[String(i.path[0] ?? 'form')] ??= ErrorMessages[issueCode(i.message)];
      return setErrors(e);
    }
    setErrors({});
    setBusy(true);
    try {
      const c = await openCampaign(orgId, parsed.data);
      setOpened(c.id);
      await campaigns.reload();
    } catch (err) {
      const e = toApiError(err);
      setErrors({ [e.field ?? 'form']: e.message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='admin-page' data-testid='two-systems-page'>
      <PageStatus loading={org.loading} error={org.error} onRetry={org.reload} testId='two-systems-org'>
        {detail ? (
          <>
            <OrgHeader org={detail} subtitle='两制：年度团籍注册 · 团员教育评议' />
            <FormSection title='发起年度工作（本组织及全部下级）' testId='ts-open'>
              <ChoiceField label='类别' value={kind} options={optionsOf(CampaignKinds)} onChange={(v) => setKind(v as CampaignKind)} testId='ts-kind' />
              <TextField label='年度' required type='number' value={form.year} onChange={(year) => setForm({ ...form, year })} error={errors.year} testId='ts-year' />
              <TextField
                label='开始日期'
                required
                value={form.startsOn}
                placeholder='年-月-日，如 2026-03-01'
                onChange={(startsOn) => setForm({ ...form, startsOn })}
                error={errors.startsOn}
                testId='ts-starts'
              />
              <TextField
                label='结束日期'
                required
                value={form.endsOn}
                placeholder='年-月-日'
                onChange={(endsOn) => setForm({ ...form, endsOn })}
                error={errors.endsOn}
                hint='按北京时间，开始、结束当天均可办理'
                testId='ts-ends'
              />
            </FormSection>
            {errors.form ? (
              <View className='admin-error' data-testid='ts-open-error'>
                {errors.form}
              </View>
            ) : null}
            <View className='admin-actions'>
              <Button type='primary' loading={busy} onClick={() => void submit()} data-testid='ts-open-submit'>
                发起
              </Button>
              <Button onClick={() => void openPage(Routes.adminTwoSystemsApprovals, { orgId })} data-testid='ts-approvals-link'>
                下级提交的审批
              </Button>
            </View>

            <View className='admin-section'>
              <View className='admin-section__head'>
                <Text className='admin-section__title'>本组织所在或发起的{CampaignKinds[kind]}</Text>
              </View>
              <PageStatus loading={campaigns.loading && !campaigns.data} error={campaigns.error} onRetry={campaigns.reload} testId='ts-campaigns'>
                {campaigns.data && campaigns.data.length === 0 ? (
                  <View className='admin-card'>
                    <EmptyState title='尚未发起' description='发起后，下级团支部在时间窗口内逐一办理团员' />
                  </View>
                ) : null}
                {campaigns.data?.map((c) => (
                  <CampaignCard key={c.id} orgId={orgId} campaign={c} open={opened === c.id} onToggle={() => setOpened(opened === c.id ? null : c.id)} />
                ))}
              </PageStatus>
            </View>
          </>
        ) : null}
      </PageStatus>
    </View>
  );
}

function CampaignCard({ orgId, campaign, open, onToggle }: { orgId: string; campaign: Campaign; open: boolean; onToggle: () => void }) {
  const progress = useAsync(open ? () => fetchProgress(orgId, campaign.id) : null, [open, orgId, campaign.id]);
  return (
    <View className='admin-card ts-campaign' data-testid={`ts-campaign-${campaign.id}`}>
      <View className='ts-campaign__head' onClick={onToggle}>
        <View className='ts-campaign__main'>
          <Text className='ts-campaign__title'>{campaignTitle(campaign)}</Text>
          <Text className='admin-muted'>
            {campaign.startsOn} 至 {campaign.endsOn} · 发起：{campaign.rootOrg.alias || campaign.rootOrg.shortName}
          </Text>
        </View>
        <WindowTag campaign={campaign} />
      </View>
      <Text className='ts-campaign__toggle' onClick={onToggle} data-testid={`ts-progress-toggle-${campaign.id}`}>
        {open ? '收起进度' : '查看各下级进度 ›'}
      </Text>
      {open ? (
        <PageStatus loading={progress.loading} error={progress.error} onRetry={progress.reload} testId='ts-progress'>
          {progress.data ? <ProgressRows data={progress.data} kind={campaign.kind} /> : null}
        </PageStatus>
      ) : null}
    </View>
  );
}

function ProgressRows({ data, kind }: { data: CampaignProgress; kind: CampaignKind }) {
  if (data.rows.length === 0) return <EmptyState title='暂无下级组织' />;
  return (
    <View data-testid='ts-progress'>
      {data.rows.map((r) => {
        const done = kind === 'registration' ? (r.approvedOutcomes.registered ?? 0) : Object.values(r.approvedOutcomes).reduce((a, b) => a + b, 0);
        return (
          <View key={r.org.id} className='ts-progress-row' data-testid={`ts-progress-${r.org.id}`}>
            <Text className='ts-progress-row__name'>{r.org.alias || r.org.shortName}</Text>
            <View className='ts-progress-row__stats'>
              <Stat label='支部已提交' value={r.branchesSubmitted} total={r.branches} />
              <Stat label='支部已审批' value={r.branchesApproved} total={r.branches} />
              <Stat label={kind === 'registration' ? '团员已注册' : '团员已评议'} value={done} total={r.members} />
            </View>
          </View>
        );
      })}
    </View>
  );
}

function Stat({ label, value, total }: { label: string; value: number; total: number }) {
  return (
    <View className='ts-stat'>
      <Text className='ts-stat__value'>
        {value}
        <Text className='ts-stat__total'>/{total}</Text>
      </Text>
      <Text className='ts-stat__label'>{label}</Text>
    </View>
  );
}
