import { CHAT_RECALL_WINDOW_MS, ChatClientFrameSchema, ChatSendSchema, contiguousCursor, directPair, mergeMessages, recallVerdict, reconnectDelayMs } from '../src';
import { issues } from './helpers';

describe('chat rules (§6.6, issue 18)', () => {
  const at = new Date('2026-12-06T10:00:00Z');
  const msg = { senderId: '7', createdAt: at.toISOString(), recalled: false };

  it('recall: one’s own message within 2 minutes only', () => {
    expect(recallVerdict(msg, '7', new Date(at.getTime() + CHAT_RECALL_WINDOW_MS))).toBe('ok');
    expect(recallVerdict(msg, '7', new Date(at.getTime() + CHAT_RECALL_WINDOW_MS + 1))).toBe('expired');
    expect(recallVerdict(msg, '8', at)).toBe('notOwn');
  });

  it('reconnect backoff doubles from 1 s to 30 s, with jitter', () => {
    expect(reconnectDelayMs(0, 0.5)).toBe(1000);
    expect(reconnectDelayMs(3, 0.5)).toBe(8000);
    expect(reconnectDelayMs(20, 0.5)).toBe(30000);
    expect(reconnectDelayMs(0, 0)).toBe(800);
    expect(reconnectDelayMs(0, 1)).toBe(1200);
  });

  it('merges by (sender, clientMsgId): nothing twice, server copies win, pending last', () => {
    const m = (seq: number, c: string, s = '1') => ({ seq, clientMsgId: c, senderId: s });
    const merged = mergeMessages([m(1, 'a'), m(0, 'p'), m(2, 'b', '2')], [m(2, 'b', '2'), m(3, 'p'), m(4, 'c')]);
    expect(merged.map((x) => `${x.seq}${x.clientMsgId}`)).toEqual(['1a', '2b', '3p', '4c']);
    // a late local copy does not replace the server's
    expect(mergeMessages([m(3, 'p')], [m(0, 'p')])).toEqual([m(3, 'p')]);
    // another sender's same client id is another message
    expect(mergeMessages([m(1, 'a', '1')], [m(2, 'a', '2')])).toHaveLength(2);
  });

  it('the cursor stops at the first gap', () => {
    expect(contiguousCursor(2, [3, 4, 6])).toBe(4);
    expect(contiguousCursor(0, [])).toBe(0);
    expect(directPair(9, 3)).toEqual([3, 9]);
  });

  it('validates sends and frames with typed codes', () => {
    expect(issues(ChatSendSchema, { clientMsgId: 'abcdefgh', kind: 'text', text: ' ' })).toEqual({ text: 'CHAT_TEXT_EMPTY' });
    expect(issues(ChatSendSchema, { clientMsgId: 'abcdefgh', kind: 'text', text: '字'.repeat(2001) })).toEqual({ text: 'CHAT_TEXT_TOO_LONG' });
    expect(issues(ChatSendSchema, { clientMsgId: 'abcdefgh', kind: 'text', text: '😀'.repeat(2000) })).toEqual({});
    // half a surrogate pair (a frame's "\ud800") cannot be stored as sent; a whole pair is an emoji
    for (const text of ['a\ud800b', '\udc00', 'x\ud83d']) expect(issues(ChatSendSchema, { clientMsgId: 'abcdefgh', kind: 'text', text })).toEqual({ text: 'CHAT_BAD_FRAME' });
    expect(issues(ChatSendSchema, { clientMsgId: 'abcdefgh', kind: 'text', text: '\ud83d\ude00' })).toEqual({});
    expect(issues(ChatSendSchema, { clientMsgId: 'a b', kind: 'text', text: 'x' })).toEqual({ clientMsgId: 'CHAT_BAD_FRAME' });
    expect(issues(ChatSendSchema, { clientMsgId: 'abcdefgh', kind: 'image' })).toEqual({ fileId: 'REQUIRED' });
    expect(issues(ChatClientFrameSchema, { type: 'nope' })).toEqual({ type: 'CHAT_BAD_FRAME' });
    expect(ChatClientFrameSchema.safeParse({ type: 'read', conversationId: '5', seq: 3 }).success).toBe(true);
  });
});
