import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { CheckinStatus } from '@tj/shared';
import type { Db } from '../../db/client';
import { checkins, orgs } from '../../db/schema';

export const WAITING: CheckinStatus[] = ['submitted', 'editSubmitted'];

/**
 * One page of the review queue as a drizzle prepared statement (issue 8, P2: building the
 * query was a fifth of the request's CPU). The statement's shape depends only on how many
 * branches are in scope and whether a cursor is given, so one is built per shape and kept.
 * Only the columns a queue item shows are read; of the draft, only the name (the whole
 * draft and approved data were most of the row's parsing).
 */
function buildPage(db: Db, branches: number, withCursor: boolean, extra: SQL[] = []) {
  const at = sql.placeholder('at');
  return db
    .select({
      id: checkins.id,
      branchId: checkins.branchId,
      status: checkins.status,
      realNameStatus: checkins.realNameStatus,
      submittedAt: checkins.submittedAt,
      createdAt: checkins.createdAt,
      idEnc: checkins.idEnc,
      // JSON text of the name (NULL when absent), parsed below: the same value `draft.name` gives
      // (cast: MySQL would hand a JSON-typed value to mysql2, which parses it itself)
      nameJson: sql<string | null>`cast(json_extract(${checkins.draft}, '$.name') as char)`,
      branchName: orgs.shortName,
    })
    .from(checkins)
    .innerJoin(orgs, eq(orgs.id, checkins.branchId))
    .where(
      and(
        inArray(
          checkins.branchId,
          Array.from({ length: branches }, (_, i) => sql.placeholder(`b${i}`)),
        ),
        inArray(checkins.status, WAITING),
        withCursor ? or(gt(checkins.submittedAt, at), and(eq(checkins.submittedAt, at), gt(checkins.id, sql.placeholder('afterId')))) : undefined,
        ...extra,
      ),
    )
    .orderBy(asc(checkins.submittedAt), asc(checkins.id))
    .limit(sql.placeholder('limit'))
    .prepare();
}

type Page = ReturnType<typeof buildPage>;
// Per app (tests build several); shapes beyond this many branches are built per call.
const MAX_CACHED_BRANCHES = 64;
const prepared = new WeakMap<Db, Map<string, Page>>();

function pageStatement(db: Db, branches: number, withCursor: boolean): Page {
  if (branches > MAX_CACHED_BRANCHES) return buildPage(db, branches, withCursor);
  let byShape = prepared.get(db);
  if (!byShape) prepared.set(db, (byShape = new Map<string, Page>()));
  const key = `${branches}:${withCursor}`;
  let page = byShape.get(key);
  if (!page) byShape.set(key, (page = buildPage(db, branches, withCursor)));
  return page;
}

/** DATETIME(3) text of a Date, as drizzle writes it for a bound value. */
const datetimeText = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/** Waiting check-ins of `branchIds` after the cursor, oldest first, at most `limit` rows. */
export async function queuePage(db: Db, branchIds: number[], after: { at: Date; id: number } | null, limit: number, extra: SQL[] = []) {
  const values: Record<string, unknown> = { limit };
  branchIds.forEach((id, i) => (values[`b${i}`] = id));
  if (after) Object.assign(values, { at: datetimeText(after.at), afterId: after.id });
  // a filtered page (issue 15 item 7) is built per call: the cached shapes stay the unfiltered ones
  const statement = extra.length ? buildPage(db, branchIds.length, Boolean(after), extra) : pageStatement(db, branchIds.length, Boolean(after));
  const rows = await statement.execute(values);
  return rows.map(({ nameJson, ...r }) => ({ ...r, draft: { name: nameJson == null ? undefined : (JSON.parse(nameJson) as unknown) } }));
}
