import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ChatConversationListSchema,
  ChatConversationParamsSchema,
  ChatConversationSchema,
  ChatDirectSchema,
  ChatDirectorySchema,
  ChatDirectoryQuerySchema,
  ChatHistoryQuerySchema,
  ChatHistorySchema,
  ChatMessageParamsSchema,
  ChatMessageSchema,
  ChatReadSchema,
  ChatSendSchema,
  ErrorBodySchema,
} from '@tj/shared';
import { z } from 'zod';
import { AppError } from '../../errors';
import { markReadAndTell, recallAndTell, sendAndTell } from './actions';
import { directory, getConversation, history, listConversations, openDirect } from './service';
import { handleSocket } from './socket';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema, 429: ErrorBodySchema };
const secured = { tags: ['chat'], security: [{ bearer: [] }] };

/** §6.6 团干会话 (issue 18): 通讯录, conversations, history and sending over HTTP, and the live socket. */
export const chatRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/chat/directory',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        summary: '通讯录：按姓名、组织或职务搜索已入驻的团干部，或按组织逐级浏览',
        querystring: ChatDirectoryQuerySchema,
        response: { 200: ChatDirectorySchema, ...errors },
      },
    },
    async (req) => directory(app.db, Number(req.user.sub), req.query),
  );

  app.get(
    '/chat/conversations',
    { onRequest: [app.authenticate], schema: { ...secured, summary: '我的会话（按最后消息排序，含未读数）', response: { 200: ChatConversationListSchema, ...errors } } },
    async (req) => listConversations(app.db, Number(req.user.sub)),
  );

  app.post(
    '/chat/conversations/direct',
    { onRequest: [app.authenticate], schema: { ...secured, summary: '与另一名团干部的单聊（没有则创建）', body: ChatDirectSchema, response: { 200: ChatConversationSchema, ...errors } } },
    async (req) => openDirect(app.db, Number(req.user.sub), Number(req.body.userId)),
  );

  app.get(
    '/chat/conversations/:conversationId',
    { onRequest: [app.authenticate], schema: { ...secured, summary: '一个会话', params: ChatConversationParamsSchema, response: { 200: ChatConversationSchema, ...errors } } },
    async (req) => getConversation(app.db, Number(req.user.sub), Number(req.params.conversationId)),
  );

  app.get(
    '/chat/conversations/:conversationId/messages',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        summary: '消息记录：after=序号 取其后的消息（断线重连补齐），否则取 before 之前最近的一页',
        params: ChatConversationParamsSchema,
        querystring: ChatHistoryQuerySchema,
        response: { 200: ChatHistorySchema, ...errors },
      },
    },
    async (req) => history(app.db, Number(req.user.sub), Number(req.params.conversationId), req.query),
  );

  app.post(
    '/chat/conversations/:conversationId/messages',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        summary: '发送消息（clientMsgId 相同的重发只保存一次）',
        params: ChatConversationParamsSchema,
        body: ChatSendSchema,
        response: { 200: ChatMessageSchema, ...errors },
      },
    },
    async (req) => sendAndTell(app, Number(req.user.sub), Number(req.params.conversationId), req.body),
  );

  app.post(
    '/chat/conversations/:conversationId/read',
    {
      onRequest: [app.authenticate],
      schema: { ...secured, summary: '标记已读到某序号', params: ChatConversationParamsSchema, body: ChatReadSchema, response: { 200: z.object({ seq: z.number() }), ...errors } },
    },
    async (req) => markReadAndTell(app, Number(req.user.sub), Number(req.params.conversationId), req.body.seq),
  );

  app.post(
    '/chat/messages/:messageId/recall',
    { onRequest: [app.authenticate], schema: { ...secured, summary: '撤回自己2分钟内发送的消息', params: ChatMessageParamsSchema, response: { 200: ChatMessageSchema, ...errors } } },
    async (req) => recallAndTell(app, Number(req.user.sub), Number(req.params.messageId)),
  );

  // The live socket: authenticated by its first frame (the token never goes in the URL).
  app.route({
    method: 'GET',
    url: '/chat/socket',
    schema: { hide: true },
    handler: async () => {
      throw new AppError('NOT_FOUND');
    },
    wsHandler: (socket) => handleSocket(app, socket),
  });
};
