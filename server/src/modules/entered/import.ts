import { Educations, EthnicGroups, Genders, IdDocTypes, Incomes, OrgPositions, PoliticalStatuses, devNumberTakenMessage, issueCode, makeCertificationSchema, todayInChina } from '@tj/shared';
import type { Db } from '../../db/client';
import { checkins } from '../../db/schema';
import { AppError, ImportRowsError } from '../../errors';
import { audit } from '../../lib/audit';
import { buildWorkbook, readSheet } from '../../lib/excel';
import { keyOfLabel, rowError, type RowError } from '../../lib/import-rows';
import type { OrgContext } from '../../plugins/org-guard';
import { devNumberHolderBranch, holdsRosterPosition } from '../checkins/rules';
import { and, inArray, isNotNull, or } from 'drizzle-orm';
import { duplicateError, insertEntered, toEntry, type EnteredDeps, type ParsedEntry } from './service';

/** Column header → field (the template and the reader share this list); enums by their Chinese labels. */
const COLUMNS: readonly (readonly [string, string, Readonly<Record<string, string>> | 'bool' | 'month' | null])[] = [
  ['姓名', 'name', null],
  ['证件类型（留空为居民身份证）', 'idType', IdDocTypes],
  ['证件号码', 'idNumber', null],
  ['出生日期（非居民身份证填写）', 'birthDate', null],
  ['性别（非居民身份证填写）', 'gender', Genders],
  ['入团年月', 'joinedAt', 'month'],
  ['收入', 'income', Incomes],
  ['是否在本支部担任团干职务', 'holdsPosition', 'bool'],
  ['职务', 'position', OrgPositions],
  ['任现职年月', 'positionSince', 'month'],
  ['发展团员编号', 'developmentNumber', null],
  ['入团时所在单位', 'joinUnit', null],
  ['手机号码', 'phone', null],
  ['民族', 'ethnicity', EthnicGroups],
  ['政治面貌', 'politicalStatus', PoliticalStatuses],
  ['入党年月', 'partyJoinedAt', 'month'],
  ['全日制学历', 'fullTimeEducation', Educations],
  ['最高学历', 'highestEducation', Educations],
  ['是否志愿者', 'isVolunteer', 'bool'],
  ['注册志愿者时间', 'volunteerSince', null],
  ['监护人或紧急联系人联系方式（未满18周岁必填）', 'guardianContact', null],
  ['户籍所在地', 'householdRegistration', null],
  ['工作单位/学习单位', 'workUnit', null],
];

/** Up to this many members per file: one transaction holds them all. */
export const ENTERED_IMPORT_MAX_ROWS = 500;

export function enteredTemplate(): Promise<Buffer> {
  return buildWorkbook(
    '团员',
    COLUMNS.map(([h]) => h),
    [
      [
        '张三',
        '',
        '110101200501011234',
        '',
        '',
        '2020-05',
        Incomes[Object.keys(Incomes)[0] as keyof typeof Incomes],
        '否',
        '',
        '',
        '',
        '某某中学',
        '13800000000',
        '汉族',
        '共青团员',
        '',
        '高中',
        '高中',
        '否',
        '',
        '',
        '',
        '',
      ],
    ],
    [
      '第1行为表头，请勿修改；从第2行起每行一名团员，示例行请删除或改为真实数据。',
      '团员录入到当前团支部；录入后即为本支部团员，2020年及以后入团的团员须上传电子版《入团志愿书》完成团员身份认证。',
      '年月请按“2020-05”填写，日期按“2005-01-01”填写；是否类请填写“是”或“否”；选项请按手机端显示的文字填写。',
      '2017年1月及以后入团的团员须填写发展团员编号（12位数字，全国唯一）；入团年龄须满14周岁、未满28周岁。',
      `行数不超过${ENTERED_IMPORT_MAX_ROWS}行。导入为整体操作：任何一行有错误时不导入任何数据，请按提示的行号修改后重新导入。`,
    ],
  );
}

function rowInput(values: Record<string, string>): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  for (const [header, field, kind] of COLUMNS) {
    const cell = values[header] ?? '';
    if (cell === '') {
      v[field] = field === 'idType' ? 'residentId' : undefined;
      continue;
    }
    if (kind === 'bool') v[field] = cell === '是' ? true : cell === '否' ? false : cell;
    else if (kind === 'month') v[field] = /^\d{4}-\d{2}-\d{2}$/.test(cell) ? cell.slice(0, 7) : cell;
    else if (kind) v[field] = keyOfLabel(kind, cell);
    else v[field] = cell;
  }
  return v;
}

/**
 * 批量导入团员 (Excel) into the route's 团支部: every row checked with the shared form schema and
 * against stored data (ID approved elsewhere, development number taken) and against the other
 * rows; only when every row passes are they all inserted, in one transaction (all-or-nothing).
 */
export async function importEntered(db: Db, deps: EnteredDeps, ctx: OrgContext, file: Buffer) {
  const branch = ctx.org;
  if (branch.type !== 'branch') throw new AppError('ENTERED_NOT_BRANCH');
  const { rows } = await readSheet(file);
  if (rows.length === 0) throw new AppError('IMPORT_EMPTY');
  if (rows.length > ENTERED_IMPORT_MAX_ROWS) throw new AppError('REQUEST_TOO_LARGE');
  const today = todayInChina(deps.now);
  const errors: RowError[] = [];
  const entries: ParsedEntry[] = [];
  const seenIds = new Map<string, number>();
  const seenDev = new Map<string, number>();
  for (const r of rows) {
    const input: Record<string, unknown> = { ...rowInput(r.values), branchId: String(branch.id) };
    const rawId = typeof input.idNumber === 'string' ? input.idNumber.trim().toUpperCase() : '';
    const holds = rawId ? await holdsRosterPosition(db, deps.pii.lookupHash(rawId)) : false;
    const parsed = makeCertificationSchema({ today, holdsRosterPosition: holds }).safeParse(input);
    if (!parsed.success) {
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const field = issue.path.map(String).join('.') || undefined;
        if (seen.has(field ?? '')) continue;
        seen.add(field ?? '');
        errors.push(rowError(r.row, issueCode(issue.message), field));
      }
      continue;
    }
    const e = toEntry(deps.pii, parsed.data, today);
    if (seenIds.has(e.idHash)) {
      errors.push(rowError(r.row, 'CHECKIN_ID_APPROVED_ELSEWHERE', 'idNumber'));
      continue;
    }
    seenIds.set(e.idHash, r.row);
    if (e.developmentNumber) {
      if (seenDev.has(e.developmentNumber)) {
        errors.push(rowError(r.row, 'DEVELOPMENT_NUMBER_TAKEN', 'developmentNumber'));
        continue;
      }
      seenDev.set(e.developmentNumber, r.row);
    }
    entries.push(e);
    (e as ParsedEntry & { row?: number }).row = r.row;
  }
  // Stored data: one query for the IDs approved anywhere, one for the development numbers in use.
  if (entries.length) {
    const taken = await db
      .select({ hash: checkins.approvedIdHash })
      .from(checkins)
      .where(
        inArray(
          checkins.approvedIdHash,
          entries.map((e) => e.idHash),
        ),
      );
    const takenIds = new Set(taken.map((t) => t.hash));
    const devs = entries.map((e) => e.developmentNumber).filter((d): d is string => !!d);
    const usedDev = devs.length
      ? await db
          .select({ dev: checkins.developmentNumber, approved: checkins.approvedDevNumber, idHash: checkins.idHash })
          .from(checkins)
          .where(or(inArray(checkins.approvedDevNumber, devs), and(inArray(checkins.developmentNumber, devs), isNotNull(checkins.status))))
      : [];
    for (const e of entries) {
      const row = (e as ParsedEntry & { row?: number }).row ?? 0;
      if (takenIds.has(e.idHash)) errors.push(rowError(row, 'CHECKIN_ID_APPROVED_ELSEWHERE', 'idNumber'));
      else if (e.developmentNumber && usedDev.some((u) => u.idHash !== e.idHash && (u.approved === e.developmentNumber || u.dev === e.developmentNumber))) {
        const holder = await devNumberHolderBranch(db, e.developmentNumber, e.idHash);
        errors.push({ ...rowError(row, 'DEVELOPMENT_NUMBER_TAKEN', 'developmentNumber'), ...(holder ? { message: devNumberTakenMessage(holder) } : {}) });
      }
    }
  }
  if (errors.length) throw new ImportRowsError(errors.sort((a, b) => a.row - b.row));

  let current: ParsedEntry | null = null;
  try {
    await db.transaction(async (tx) => {
      for (const e of entries) {
        current = e;
        await insertEntered(tx, ctx, branch, e, deps.pii, deps.now);
      }
      await audit(tx, { actorUserId: ctx.userId, orgId: branch.id, action: 'member.import', targetType: 'org', targetId: branch.id, after: { count: entries.length } });
    });
  } catch (err) {
    throw (current ? await duplicateError(db, err, current) : null) ?? err;
  }
  return { imported: entries.length };
}
