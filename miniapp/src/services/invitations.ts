import { InviteResultSchema } from '@tj/shared';
import type { z } from 'zod';
import { api } from './api';

/** §6.2 admins invite roster cadres by SMS (a signed link to /cadre/pages/entry/index?token=). */
export type InviteResult = z.infer<typeof InviteResultSchema>;

const rosterPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}/roster`;

/** One cadre; INVITATION_TOO_FREQUENT within 10 minutes of the last one. */
export async function inviteCadre(orgId: string, entryId: string): Promise<InviteResult> {
  return api.post(`${rosterPath(orgId)}/${encodeURIComponent(entryId)}/invite`, {}, InviteResultSchema);
}

/** Every cadre not yet onboarded; those invited in the last 10 minutes are skipped. */
export async function inviteAllCadres(orgId: string): Promise<InviteResult> {
  return api.post(`${rosterPath(orgId)}/invite-all`, {}, InviteResultSchema);
}

export const inviteResultText = ({ sent, skipped }: InviteResult): string => (skipped ? `已发送${sent}条邀请，${skipped}人10分钟内已邀请过，本次跳过` : `已发送${sent}条邀请`);
