import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { ChatMessage, ChatSend } from '@tj/shared';
import { AppError } from '../../errors';
import { messageFrameText } from './frames';
import { markRead, recallMessage } from './service';

/**
 * What a send, read or recall does besides the database, the same over HTTP and the socket:
 * the per-sender rate limit before, the push to the conversation's members after.
 */
export async function sendAndTell(app: FastifyInstance, userId: number, conversationId: number, input: ChatSend, origin?: WebSocket): Promise<ChatMessage> {
  return (await sendAndTellText(app, userId, conversationId, input, origin)).message;
}

/**
 * `sendAndTell`, with the message also as JSON text: the push to the members and the socket's
 * ack carry the same message, serialised once (P6: a frame is built for every send).
 */
export async function sendAndTellText(app: FastifyInstance, userId: number, conversationId: number, input: ChatSend, origin?: WebSocket) {
  if (!(await app.chatHub.allow(userId))) throw new AppError('CHAT_RATE_LIMITED');
  const { created, recipients, message } = await app.chatSends.send(userId, conversationId, input, app.clock.now());
  const text = JSON.stringify(message);
  // a retried send was pushed the first time
  if (created) await app.chatHub.publishText(recipients, messageFrameText(text), origin);
  return { message, text };
}

export async function markReadAndTell(app: FastifyInstance, userId: number, conversationId: number, seq: number) {
  const read = await markRead(app.db, userId, conversationId, seq);
  await app.chatHub.publish(read.recipients, { type: 'read', conversationId: read.conversationId, userId: String(userId), seq: read.seq });
  return { seq: read.seq };
}

export async function recallAndTell(app: FastifyInstance, userId: number, messageId: number): Promise<ChatMessage> {
  const { recipients, message } = await recallMessage(app.db, userId, messageId, app.clock.now());
  await app.chatHub.publish(recipients, { type: 'recalled', message });
  return message;
}
