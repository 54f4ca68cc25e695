import { z } from 'zod';

/**
 * Response shapes of the org-tree API (issue 4). Request bodies are the schemas in org.ts /
 * roster.ts / admin.ts; these are what the server answers and the mini-program reads.
 */
export const OrgIdParamsSchema = z.object({ orgId: z.string().regex(/^\d+$/, 'NOT_FOUND') });
export const OrgChildParamsSchema = OrgIdParamsSchema.extend({ childId: z.string().regex(/^\d+$/, 'NOT_FOUND') });

export const OrgSummarySchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  type: z.string(),
  shortName: z.string(),
  fullName: z.string(),
  alias: z.string().nullable(),
  branchCategory: z.string().nullable(),
  depth: z.number(),
  sortOrder: z.number(),
  /** Short names of the ancestors, the root first: the "full path up to the province". */
  pathNames: z.array(z.string()),
  childCount: z.number(),
});
export type OrgSummary = z.infer<typeof OrgSummarySchema>;

export const OrgDetailSchema = OrgSummarySchema.extend({
  /** null until given: leading organs have none; others' own admin may complete it [004 §二(一)3] */
  industry: z.string().nullable(),
  secretaryName: z.string().nullable(),
  /** Masked (§9); the full number is never sent in lists or details. */
  secretaryIdMasked: z.string().nullable(),
  secretaryPhone: z.string().nullable(),
  contactPhone: z.string().nullable(),
  email: z.string().nullable(),
  adminStaffQuota: z.number().nullable(),
  adminStaffActual: z.number().nullable(),
  institutionStaffQuota: z.number().nullable(),
  institutionStaffActual: z.number().nullable(),
  youthCount: z.number().nullable(),
  partyRecommendedCount: z.number().nullable(),
  /** §3.3 required fields still missing. */
  missingFields: z.array(z.string()),
  infoComplete: z.boolean(),
});
export type OrgDetail = z.infer<typeof OrgDetailSchema>;

export const OrgListSchema = z.object({ items: z.array(OrgSummarySchema) });

/** The orgs where the caller holds an onboarded roster position (chooser, admin home). */
export const MyOrgSchema = OrgSummarySchema.extend({
  position: z.string(),
  isAdmin: z.boolean(),
  isOperator: z.boolean(),
});
export const MyOrgListSchema = z.object({ items: z.array(MyOrgSchema) });
export type MyOrg = z.infer<typeof MyOrgSchema>;

/** One rejected row of an Excel import: its row number in the sheet and the reason. */
export const ImportRowErrorSchema = z.object({
  row: z.number(),
  field: z.string().optional(),
  code: z.string(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowErrorSchema>;
export const ImportResultSchema = z.object({ imported: z.number() });

export const AdminCodeIssuedSchema = z.object({
  orgId: z.string(),
  orgName: z.string(),
  code: z.string(),
  expiresAt: z.string(),
});
export type AdminCodeIssued = z.infer<typeof AdminCodeIssuedSchema>;
/** The registration codes in force (unused, unexpired) of an org's direct subordinates. */
export const AdminCodeListSchema = z.object({ items: z.array(AdminCodeIssuedSchema) });
export type AdminCodeList = z.infer<typeof AdminCodeListSchema>;

export const RosterItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string(),
  position: z.string(),
  cadreNature: z.string().nullable(),
  isOperator: z.boolean(),
  isAdmin: z.boolean(),
  onboarded: z.boolean(),
  /** The person the line names said 不是我 in the app (issue 12): fix the phone or remove it. */
  declined: z.boolean(),
});
export const RosterListSchema = z.object({ items: z.array(RosterItemSchema) });
export type RosterItem = z.infer<typeof RosterItemSchema>;

/** §3.4/§10 entry progress of one sub-org. */
export const ProgressRowSchema = z.object({
  org: OrgSummarySchema,
  adminLoggedIn: z.boolean(),
  infoComplete: z.boolean(),
  hasSubOrgs: z.boolean(),
  /** 002 §二 / 004 size norms and entry standard of the sub-org (warnings only) */
  sizeWarnings: z.array(z.object({ code: z.string(), message: z.string() })).default([]),
  membersCheckedIn: z.number(),
  cadresEntered: z.number(),
  cadresOnboarded: z.number(),
  emptyBranches: z.number(),
});
/** Per level below the current org (depth offset 1, 2, …): how many orgs, how far along. */
export const ProgressLevelSchema = z.object({
  level: z.number(),
  orgs: z.number(),
  adminLoggedIn: z.number(),
  infoComplete: z.number(),
  hasSubOrgs: z.number(),
});
export const ProgressSchema = z.object({ rows: z.array(ProgressRowSchema), levels: z.array(ProgressLevelSchema) });
export type Progress = z.infer<typeof ProgressSchema>;

export const AuditItemSchema = z.object({
  id: z.string(),
  actorName: z.string().nullable(),
  orgName: z.string().nullable(),
  action: z.string(),
  /** The person or org the action was about (the member, the roster entry, the org), if still known. */
  targetName: z.string().nullable(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  createdAt: z.string(),
});
export const AuditListSchema = z.object({ items: z.array(AuditItemSchema), nextCursor: z.string().nullable() });

export const PageQuerySchema = z.object({
  cursor: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const AdminCodeLookupSchema = z.object({ code: z.string().trim().min(1, 'REQUIRED').max(16, 'ADMIN_CODE_INVALID') });
export const AdminCodeTargetSchema = z.object({
  orgId: z.string(),
  shortName: z.string(),
  fullName: z.string(),
  type: z.string(),
  pathNames: z.array(z.string()),
});
export type AdminCodeTarget = z.infer<typeof AdminCodeTargetSchema>;

export const RosterParamsSchema = OrgIdParamsSchema.extend({ entryId: z.string().regex(/^\d+$/, 'NOT_FOUND') });
export const SetAdminSchema = z.object({ isAdmin: z.boolean({ error: 'VALIDATION_FAILED' }) });
/** Result of an admin change: applied at once (by a superior) or waiting for the superior. */
export const SetAdminResultSchema = z.object({ status: z.enum(['applied', 'pendingApproval']), entry: RosterItemSchema });

export const AdminChangeRequestSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  cadreName: z.string(),
  makeAdmin: z.boolean(),
  requestedAt: z.string(),
});
export const AdminChangeRequestListSchema = z.object({ items: z.array(AdminChangeRequestSchema) });
export const RequestParamsSchema = OrgIdParamsSchema.extend({ requestId: z.string().regex(/^\d+$/, 'NOT_FOUND') });
export const DecisionSchema = z.object({ approve: z.boolean({ error: 'VALIDATION_FAILED' }) });

/** A branch's check-in QR (members) or an org's cadre QR (onboarding), §4.1 / §6.2. */
export const QrKinds = { checkin: '团员报到二维码', cadre: '团干部入驻二维码' } as const;
export type QrKind = keyof typeof QrKinds;
export const QrParamsSchema = OrgIdParamsSchema.extend({ kind: z.enum(['checkin', 'cadre'], { error: 'NOT_FOUND' }) });
export const QrCodeSchema = z.object({
  kind: z.enum(['checkin', 'cadre']),
  scene: z.string(),
  /** The page the code opens (H5 URL; in WeChat the scene opens the same page). */
  url: z.string(),
  imageDataUrl: z.string(),
  orgFullName: z.string(),
  pathNames: z.array(z.string()),
});
/** What a scanned scene resolves to (public: the entry page needs it before login). */
export const QrSceneSchema = z.object({
  kind: z.enum(['checkin', 'cadre']),
  orgId: z.string(),
  shortName: z.string(),
  fullName: z.string(),
  type: z.string(),
  pathNames: z.array(z.string()),
});

/** §10 an admin issues a one-time password reset code for a person of its subtree. */
export const IssueResetCodeSchema = z.object({ phone: z.string().regex(/^1[3-9]\d{9}$/, 'MOBILE_INVALID') });
export const ResetCodeIssuedSchema = z.object({ name: z.string().nullable(), code: z.string(), expiresAt: z.string() });
