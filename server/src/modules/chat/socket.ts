import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { CHAT_AUTH_TIMEOUT_MS, ChatClientFrameSchema, ChatCloseCodes, ErrorMessages, isErrorCode, type ChatClientFrame, type ChatServerFrame } from '@tj/shared';
import { AppError } from '../../errors';
import { cadreOrgIds } from './service';
import { markReadAndTell, recallAndTell, sendAndTellText } from './actions';
import { ackFrameText } from './frames';

/** A timer may not be longer than this (setTimeout's 32-bit limit). */
const MAX_TIMER_MS = 2 ** 31 - 1;

const errorFrame = (err: unknown, ref?: string): ChatServerFrame => {
  const code = err instanceof AppError ? err.code : 'INTERNAL';
  return { type: 'error', code, message: err instanceof AppError ? err.message : ErrorMessages.INTERNAL, ...(ref ? { ref } : {}) };
};

/** The code of the first issue of a refused frame (ours are error codes), else CHAT_BAD_FRAME. */
function badFrame(issues: { message: string }[], ref?: string): ChatServerFrame {
  const first = issues.map((i) => i.message).find((m) => isErrorCode(m) && m !== 'VALIDATION_FAILED');
  const code = first && isErrorCode(first) ? first : 'CHAT_BAD_FRAME';
  return { type: 'error', code, message: ErrorMessages[code], ...(ref ? { ref } : {}) };
}

/**
 * One chat socket (issue 18). The access token comes in the first frame `{type:'auth', token}`
 * (never in the URL, where proxies log it) within CHAT_AUTH_TIMEOUT_MS; the socket closes with
 * TOKEN_EXPIRED when the token does (the client refreshes and reconnects). Every later frame
 * is validated with the shared schema; a refused frame gets a typed error frame and changes
 * nothing.
 */
export function handleSocket(app: FastifyInstance, ws: WebSocket) {
  let userId: number | null = null;
  let expiry: NodeJS.Timeout | null = null;
  const send = (frame: ChatServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const close = (code: number, reason: string) => {
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason);
  };
  const authTimer = setTimeout(() => close(ChatCloseCodes.AUTH_TIMEOUT, 'AUTH_TIMEOUT'), CHAT_AUTH_TIMEOUT_MS);
  let authenticating = false;

  ws.on('close', () => {
    clearTimeout(authTimer);
    if (expiry) clearTimeout(expiry);
    if (userId != null) app.chatHub.remove(userId, ws);
  });
  ws.on('error', () => undefined);

  ws.on('message', (data, isBinary) => {
    let raw: unknown;
    try {
      raw = isBinary ? undefined : JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
    } catch {
      raw = undefined;
    }
    const parsed = ChatClientFrameSchema.safeParse(raw);
    if (!parsed.success) {
      const ref = (raw as { message?: { clientMsgId?: unknown } } | undefined)?.message?.clientMsgId;
      send(badFrame(parsed.error.issues, typeof ref === 'string' ? ref.slice(0, 64) : undefined));
      return;
    }
    const frame = parsed.data;
    if (userId == null) {
      if (frame.type !== 'auth' || authenticating) return close(ChatCloseCodes.UNAUTHORIZED, 'UNAUTHORIZED');
      authenticating = true;
      void authenticate(frame.token);
      return;
    }
    app.chatHub.touch(ws);
    void dispatch(userId, frame);
  });

  async function authenticate(token: string) {
    try {
      const claims = await app.verifyAccessToken(token);
      const id = Number(claims.sub);
      if ((await cadreOrgIds(app.db, id)).length === 0) return close(ChatCloseCodes.NOT_CADRE, 'CHAT_NOT_CADRE');
      if (ws.readyState !== ws.OPEN) return;
      clearTimeout(authTimer);
      userId = id;
      app.chatHub.add(id, ws);
      const left = claims.exp * 1000 - app.clock.now().getTime();
      expiry = setTimeout(() => close(ChatCloseCodes.TOKEN_EXPIRED, 'TOKEN_EXPIRED'), Math.min(Math.max(left, 0), MAX_TIMER_MS));
      send({ type: 'ready', userId: String(id) });
    } catch (err) {
      const expired = err instanceof AppError && err.code === 'TOKEN_EXPIRED';
      if (!(err instanceof AppError)) app.log.error({ err }, 'chat socket authentication failed');
      close(expired ? ChatCloseCodes.TOKEN_EXPIRED : ChatCloseCodes.UNAUTHORIZED, expired ? 'TOKEN_EXPIRED' : 'UNAUTHORIZED');
    }
  }

  async function dispatch(uid: number, frame: ChatClientFrame) {
    const ref = frame.type === 'send' ? frame.message.clientMsgId : undefined;
    try {
      switch (frame.type) {
        case 'auth':
          return; // already authenticated: a second auth frame changes nothing
        case 'ping':
          return send({ type: 'pong' });
        case 'send': {
          const { text } = await sendAndTellText(app, uid, Number(frame.conversationId), frame.message, ws);
          if (ws.readyState === ws.OPEN) ws.send(ackFrameText(frame.message.clientMsgId, text));
          return;
        }
        case 'read':
          await markReadAndTell(app, uid, Number(frame.conversationId), frame.seq);
          return;
        case 'recall':
          await recallAndTell(app, uid, Number(frame.messageId));
          return;
      }
    } catch (err) {
      if (!(err instanceof AppError)) app.log.error({ err }, 'chat frame failed');
      send(errorFrame(err, ref));
    }
  }
}
