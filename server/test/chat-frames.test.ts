import { ChatMessageSchema, type ChatMessage } from '@tj/shared';
import { ackFrameText, messageFrameText } from '../src/modules/chat/frames';

/** Frames made from a message serialised once (P6): the push and the ack of a send. */
describe('chat frames from a serialised message', () => {
  const message: ChatMessage = {
    id: '12',
    conversationId: '3',
    seq: 7,
    senderId: '5',
    senderName: '张 "三"',
    clientMsgId: 'c-1_x',
    kind: 'text',
    text: '引号 " 反斜杠 \\ 换行\n 😀 </script>',
    imageUrl: null,
    recalled: false,
    createdAt: '2026-12-06T16:00:00.000Z',
  };
  const text = JSON.stringify(message);

  it('are exactly the JSON of the typed frames', () => {
    expect(messageFrameText(text)).toBe(JSON.stringify({ type: 'message', message }));
    expect(ackFrameText(message.clientMsgId, text)).toBe(JSON.stringify({ type: 'ack', clientMsgId: message.clientMsgId, message }));
    const ack = JSON.parse(ackFrameText('a"b\\c', text));
    expect(ack).toEqual({ type: 'ack', clientMsgId: 'a"b\\c', message });
    expect(ChatMessageSchema.safeParse(ack.message).success).toBe(true);
  });
});
