import { CampaignKinds, MemberOutcomes, SubmissionStates, WindowStates, isKeyOf, type Campaign, type SubmissionState } from '@tj/shared';
import { StatusTag, type Tone } from '../status-tag';

/** 两制 labels shared by the committee, branch, superior and member pages. */
export const kindLabel = (kind: string) => (isKeyOf(CampaignKinds, kind) ? CampaignKinds[kind] : kind);
export const outcomeLabel = (o: string) => (isKeyOf(MemberOutcomes, o) ? MemberOutcomes[o] : o);
export const campaignTitle = (c: Pick<Campaign, 'year' | 'kind'>) => `${c.year} 年度 · ${kindLabel(c.kind)}`;

const STATE_TONES: Record<SubmissionState, Tone> = { draft: 'gray', submitted: 'orange', approved: 'green', returned: 'red' };
export function StateTag({ state, testId }: { state: SubmissionState; testId?: string }) {
  return (
    <StatusTag tone={STATE_TONES[state]} testId={testId}>
      {SubmissionStates[state]}
    </StatusTag>
  );
}

const WINDOW_TONES = { notStarted: 'blue', open: 'green', closed: 'gray' } as const;
export function WindowTag({ campaign }: { campaign: Pick<Campaign, 'windowState'> }) {
  return <StatusTag tone={WINDOW_TONES[campaign.windowState]}>{WindowStates[campaign.windowState]}</StatusTag>;
}

/** Adverse outcomes show in red everywhere. */
export const outcomeTone = (o: string | null): Tone => (o === 'refused' || o === 'unqualified' ? 'red' : o === 'excellent' ? 'blue' : o ? 'green' : 'gray');
