import type { ChatServerFrame } from '@tj/shared';

/**
 * Frames that carry a message already serialised (`JSON.stringify(message)`): a send's push to
 * the conversation's members and its ack to the sending socket hold the same message, and P6
 * builds both for every send. Each is the JSON of the typed frame named beside it
 * (chat-frames.test.ts checks them against `JSON.stringify`).
 */
type Frame<T extends ChatServerFrame['type']> = Extract<ChatServerFrame, { type: T }>;

/** The JSON of a `Frame<'message'>`. */
export const messageFrameText = (messageJson: string) => `{"type":"message","message":${messageJson}}`;

/** The JSON of a `Frame<'ack'>`. */
export const ackFrameText = (clientMsgId: Frame<'ack'>['clientMsgId'], messageJson: string) => `{"type":"ack","clientMsgId":${JSON.stringify(clientMsgId)},"message":${messageJson}}`;
