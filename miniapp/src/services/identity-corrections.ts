import {
  IdentityCorrectionDecisionSchema,
  IdentityCorrectionItemSchema,
  IdentityCorrectionListSchema,
  IdentityCorrectionRequestSchema,
  type IdentityCorrectionDecision,
  type IdentityCorrectionItem,
  type IdentityCorrectionRequest,
} from '@tj/shared';
import { z } from 'zod';
import { checkWith } from './form-check';
import { http } from './http';

/** [004 §一(一)1] 姓名、性别与身份证号码的更正: the member asks, the province's admins decide. */
export type { IdentityCorrectionItem };
const MineSchema = z.object({ item: IdentityCorrectionItemSchema.nullable() });

export const checkCorrectionRequest = (input: unknown) => checkWith(IdentityCorrectionRequestSchema, input);
export const checkCorrectionDecision = (input: unknown) => checkWith(IdentityCorrectionDecisionSchema, input);

export async function fetchMyCorrection(): Promise<IdentityCorrectionItem | null> {
  const { data } = await http.get<unknown>('/me/identity-correction');
  return MineSchema.parse(data).item;
}

export async function requestMyCorrection(body: IdentityCorrectionRequest): Promise<IdentityCorrectionItem | null> {
  const { data } = await http.post<unknown>('/me/identity-correction', body);
  return MineSchema.parse(data).item;
}

const base = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}/identity-corrections`;

export async function fetchCorrections(orgId: string): Promise<IdentityCorrectionItem[]> {
  const { data } = await http.get<unknown>(base(orgId));
  return IdentityCorrectionListSchema.parse(data).items;
}

export async function decideCorrection(orgId: string, requestId: string, body: IdentityCorrectionDecision): Promise<void> {
  await http.post(`${base(orgId)}/${encodeURIComponent(requestId)}/decision`, body);
}
