import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorMessages, todayInChina } from '@tj/shared';
import OrgLifeFormPage from '../src/cadre/pages/org-life-form';
import { logInAdmin, serve, typeInto, withParams } from './admin-fixtures';

/** Issue 17 part 2: 录入 a 团日活动 — the shared rules before sending, and a retry that cannot duplicate. */
const detail = (body: Record<string, unknown>) => ({
  id: '55',
  branch: { id: '9', name: '1班团支部' },
  kind: body.kind,
  heldOn: body.heldOn,
  topic: body.topic,
  place: body.place,
  attendeeCount: 2,
  memberCount: 3,
  ratePercent: 66,
  countsForRule: true,
  rateMet: true,
  photoCount: 0,
  note: null,
  attendees: [],
  photos: [],
  createdAt: '2026-11-20T02:00:00.000Z',
  updatedAt: '2026-11-20T02:00:00.000Z',
  canEdit: true,
});

beforeEach(() => {
  logInAdmin();
  withParams({ orgId: '9' });
});

describe('组织生活 录入', () => {
  it('asks for attendees first, then sends; a retry after a lost answer sends the same request id', async () => {
    const posted: Record<string, unknown>[] = [];
    serve(
      [
        'GET',
        '/orgs/9/org-life/members',
        {
          data: {
            items: [
              { memberId: '1', name: '甲同学' },
              { memberId: '2', name: '乙同学' },
              { memberId: '3', name: '丙同学' },
            ],
          },
        },
      ],
      [
        'POST',
        '/orgs/9/org-life/records',
        (body) => {
          posted.push(body as Record<string, unknown>);
          // the first answer is lost (a flaky network)
          if (posted.length === 1) return { status: 502, data: { code: 'INTERNAL', message: ErrorMessages.INTERNAL } };
          return { status: 200, data: detail(body as Record<string, unknown>) };
        },
      ],
    );
    render(<OrgLifeFormPage />);
    await screen.findByTestId('olf-member-1');
    typeInto(fireEvent, screen.getByTestId('olf-topic').querySelector('input') ?? screen.getByTestId('olf-topic'), '学习团章');
    typeInto(fireEvent, screen.getByTestId('olf-place').querySelector('input') ?? screen.getByTestId('olf-place'), '教学楼101');
    fireEvent.click(screen.getByTestId('olf-submit'));
    await screen.findByText(ErrorMessages.ORG_LIFE_ATTENDEES_REQUIRED);
    expect(posted).toHaveLength(0);
    fireEvent.click(screen.getByTestId('olf-all'));
    fireEvent.click(screen.getByTestId('olf-submit'));
    await waitFor(() => expect(posted).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId<HTMLButtonElement>('olf-submit').disabled).toBe(false));
    fireEvent.click(screen.getByTestId('olf-submit'));
    await waitFor(() => expect(posted).toHaveLength(2));
    expect(posted[1]).toEqual(posted[0]);
    expect(posted[0]).toMatchObject({ kind: 'leagueDay', heldOn: todayInChina(), topic: '学习团章', place: '教学楼101', attendeeIds: ['1', '2', '3'], photos: [] });
    expect(String(posted[0]!.requestId)).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: expect.stringContaining('recordId=55') }));
  });
});
