import { ChatConversationListSchema, ChatConversationSchema, ChatDirectorySchema, ChatHistorySchema, ChatMessageSchema, type ChatSend } from '@tj/shared';
import { z } from 'zod';
import { api } from './api';

/** §6.6 团干会话 over HTTP: 通讯录, conversations, history (the sync cursor), and sending when the socket is down. */

const conv = (id: string) => `/chat/conversations/${encodeURIComponent(id)}`;

export const fetchDirectory = (query: { q?: string; orgId?: string }) => api.get('/chat/directory', ChatDirectorySchema, Object.fromEntries(Object.entries(query).filter(([, v]) => v)));
export const fetchConversations = () => api.get('/chat/conversations', ChatConversationListSchema);
export const fetchConversation = (id: string) => api.get(conv(id), ChatConversationSchema);
export const openDirect = (userId: string) => api.post('/chat/conversations/direct', { userId }, ChatConversationSchema);
export const fetchHistory = (id: string, query: { after?: number; before?: number; limit?: number }) => api.get(`${conv(id)}/messages`, ChatHistorySchema, query);
export const postMessage = (id: string, message: ChatSend) => api.post(`${conv(id)}/messages`, message, ChatMessageSchema);
export const postRead = (id: string, seq: number) => api.post(`${conv(id)}/read`, { seq }, z.object({ seq: z.number() }));
export const postRecall = (messageId: string) => api.post(`/chat/messages/${encodeURIComponent(messageId)}/recall`, {}, ChatMessageSchema);
