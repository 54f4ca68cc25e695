import { eq } from 'drizzle-orm';
import { BranchCategories, IndustryCategories, OrgTypes, allowedChildTypes, makeOrgCreateSchema, proposeFullName, type OrgCreate, type OrgType } from '@tj/shared';
import type { Db } from '../../db/client';
import { orgs } from '../../db/schema';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { buildWorkbook, readSheet } from '../../lib/excel';
import { keyOfLabel, numberCell, rowError, validateRows } from '../../lib/import-rows';
import type { Pii } from '../../lib/pii';
import { insertChildren, type Actor } from './service';
import type { OrgRow } from './view';

/** Column header → field. The template and the reader share this one list. */
const COLUMNS = [
  ['组织类别', 'type'],
  ['组织简称', 'shortName'],
  ['组织全称（留空则按简称生成）', 'fullName'],
  ['单位所属行业类别', 'industry'],
  ['团支部类别（仅团支部）', 'branchCategory'],
  ['书记姓名', 'secretaryName'],
  ['书记身份证号', 'secretaryIdNumber'],
  ['书记手机号', 'secretaryPhone'],
  ['联系电话', 'contactPhone'],
  ['电子邮箱', 'email'],
  ['行政编制数', 'adminStaffQuota'],
  ['行政编制实际配备数', 'adminStaffActual'],
  ['事业编制数', 'institutionStaffQuota'],
  ['事业编制实际配备数', 'institutionStaffActual'],
  ['排序', 'sortOrder'],
] as const;
const NUMERIC = new Set(['adminStaffQuota', 'adminStaffActual', 'institutionStaffQuota', 'institutionStaffActual', 'sortOrder']);

export function orgTemplate(parent: OrgRow): Promise<Buffer> {
  const types = allowedChildTypes(parent.type).map((t) => OrgTypes[t]);
  return buildWorkbook(
    '下级组织',
    COLUMNS.map(([h]) => h),
    [[types[types.length - 1] ?? '', '示例专业2024级1班团支部', '', IndustryCategories.university, BranchCategories.ordinary, '张三', '', '13800000000', '', '', '', '', '', '', '']],
    [
      '第1行为表头，请勿修改；从第2行起每行一个下级组织，示例行请删除或改为真实数据。',
      `本组织可建的下级组织类别：${types.join('、')}。`,
      `行业类别可选：${Object.values(IndustryCategories).join('、')}。`,
      `团支部类别可选：${Object.values(BranchCategories).join('、')}。`,
      '只需填写组织类别和组织简称，其他组织信息可留空，由下级组织管理员登录后填写完善；填写了的项目会被校验。',
      '导入为整体操作：任何一行有错误时不导入任何数据，请按提示的行号修改后重新导入。',
    ],
  );
}

function rowInput(values: Record<string, string>) {
  const v: Record<string, unknown> = {};
  for (const [header, field] of COLUMNS) {
    const cell = values[header] ?? '';
    if (field === 'type') v.type = keyOfLabel(OrgTypes, cell);
    else if (field === 'industry') v.industry = keyOfLabel(IndustryCategories, cell);
    else if (field === 'branchCategory') v.branchCategory = keyOfLabel(BranchCategories, cell) ?? null;
    else if (NUMERIC.has(field)) v[field] = numberCell(cell);
    else v[field] = cell === '' ? undefined : cell;
  }
  if (!v.fullName && typeof v.shortName === 'string' && typeof v.type === 'string' && v.type in OrgTypes) {
    v.fullName = proposeFullName(v.shortName, v.type as OrgType);
  }
  if (v.type === 'branch' && v.branchCategory == null) v.branchCategory = 'ordinary';
  return v;
}

/** §3.4 Excel import of sub-orgs: every row checked, then all inserted in one transaction. */
export async function importOrgs(db: Db, pii: Pii, actor: Actor, parent: OrgRow, file: Buffer) {
  const { rows } = await readSheet(file);
  if (rows.length === 0) throw new AppError('IMPORT_EMPTY');
  const siblings = new Set((await db.select({ n: orgs.shortName }).from(orgs).where(eq(orgs.parentId, parent.id))).map((r) => r.n));
  const seen = new Map<string, number>();
  const inputs = validateRows<OrgCreate>(
    rows,
    (r) => rowInput(r.values),
    makeOrgCreateSchema(parent.type),
    (parsed, r) => {
      const name = parsed.shortName;
      if (siblings.has(name) || seen.has(name)) return rowError(r.row, 'ORG_NAME_TAKEN', 'shortName');
      seen.set(name, r.row);
      return null;
    },
  );
  const created = await db.transaction(async (tx) => {
    const out = await insertChildren(tx, pii, actor, parent, inputs);
    await audit(tx, { actorUserId: actor.userId, orgId: parent.id, action: 'org.import', targetType: 'org', targetId: parent.id, after: { count: out.length } });
    return out;
  });
  return { imported: created.length };
}
