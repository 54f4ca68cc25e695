import { and, asc, eq, like, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { OrgSearchItem, OrgSearchPage } from '@tj/shared';
import type { Db, DbOrTx } from '../../db/client';
import { orgs } from '../../db/schema';
import { AppError } from '../../errors';
import { ancestorIds, descendantsLike } from '../../lib/org-path';
import { ancestorNames, type OrgRow } from '../orgs/view';

/** LIKE pattern text with the wildcards of the query taken literally. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The words of a query: "计算机 2024级" is two (any whitespace, the full-width space too). */
const wordsOf = (q: string): string[] => q.trim().split(/\s+/u).filter(Boolean);

/** Every word occurs in the short name, the full name or the alias (each word anywhere). */
function allWordsMatch(words: string[]): SQL | undefined {
  if (words.length === 0) return undefined;
  return and(
    ...words.map((w) => {
      const contains = `%${escapeLike(w)}%`;
      return or(like(orgs.shortName, contains), like(orgs.fullName, contains), like(orgs.alias, contains));
    }),
  );
}

// Branches first (the only choice that works), then the closest names.
const ranking = [sql`${orgs.type} <> 'branch'`, sql`char_length(${orgs.shortName})`, asc(orgs.id)];

async function toItems(db: DbOrTx, rows: OrgRow[]): Promise<OrgSearchItem[]> {
  const names = await ancestorNames(db, rows);
  return rows.map((r) => ({
    id: String(r.id),
    type: r.type,
    shortName: r.shortName,
    fullName: r.fullName ?? r.shortName,
    alias: r.alias,
    pathNames: ancestorIds(r.path).map((id) => names.get(id) ?? ''),
    selectable: r.type === 'branch',
    reason: r.type === 'branch' ? null : 'CHECKIN_NOT_BRANCH',
  }));
}

/** One page out of `limit + 1` rows read. */
async function pageOf(db: DbOrTx, rows: OrgRow[], offset: number, limit: number): Promise<OrgSearchPage> {
  return { items: await toItems(db, rows.slice(0, limit)), nextOffset: rows.length > limit ? offset + limit : null };
}

/**
 * §4.1 search before check-in: by short name, full name or alias; several words separated
 * by spaces must all occur ("计算机 2024级", as the page's hint suggests), each in any of the
 * three names. Prefix matches of the short name by the first word come first and use its
 * index; the rest is a contains-match. Each result carries the path of short names so a
 * member can tell two "计算机2017级3班团支部" apart (the real systems' most common mistake, §10).
 */
export async function searchOrgs(db: Db, q: string, limit: number): Promise<OrgSearchItem[]> {
  const words = wordsOf(q);
  const prefix = await db
    .select()
    .from(orgs)
    .where(and(like(orgs.shortName, `${escapeLike(words[0] ?? '')}%`), allWordsMatch(words.slice(1))))
    .orderBy(...ranking)
    .limit(limit);
  let rows: OrgRow[] = prefix;
  if (rows.length < limit) {
    const more = await db
      .select()
      .from(orgs)
      .where(
        and(
          allWordsMatch(words),
          rows.length
            ? notInArray(
                orgs.id,
                rows.map((r) => r.id),
              )
            : undefined,
        ),
      )
      .orderBy(...ranking)
      .limit(limit - rows.length);
    rows = [...rows, ...more];
  }
  return toItems(db, rows);
}

/**
 * The direct sub-orgs of an org, a page at a time, as search results: a member who found
 * "中山大学团委" opens it and walks down to a branch instead of being told to pick one
 * (issue 13 item 5). Public like the search: org names and the tree are no secret.
 */
export async function orgChildrenPage(db: Db, parentId: number, offset: number, limit: number): Promise<OrgSearchPage> {
  const [parent] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, parentId));
  if (!parent) throw new AppError('NOT_FOUND');
  const rows = await db
    .select()
    .from(orgs)
    .where(eq(orgs.parentId, parentId))
    .orderBy(asc(orgs.sortOrder), asc(orgs.id))
    .limit(limit + 1)
    .offset(offset);
  return pageOf(db, rows, offset, limit);
}

/**
 * The branches of `org`'s subtree whose names contain every word of `q` (all of them when
 * q is empty), a page at a time, grouped by parent: the batch-transfer picker at university
 * scale (issue 13 item 6), where a list of every branch is unusable.
 */
export async function branchesWithin(db: Db, org: OrgRow, q: string, offset: number, limit: number): Promise<OrgSearchPage> {
  const rows = await db
    .select()
    .from(orgs)
    .where(and(like(orgs.path, descendantsLike(org.path)), eq(orgs.type, 'branch'), ne(orgs.id, org.id), allWordsMatch(wordsOf(q))))
    .orderBy(asc(orgs.parentId), asc(orgs.sortOrder), asc(orgs.id))
    .limit(limit + 1)
    .offset(offset);
  return pageOf(db, rows, offset, limit);
}
