import { and, asc, like, notInArray, or, sql } from 'drizzle-orm';
import type { OrgSearchItem } from '@tj/shared';
import type { Db } from '../../db/client';
import { orgs } from '../../db/schema';
import { ancestorIds } from '../../lib/org-path';
import { ancestorNames, type OrgRow } from '../orgs/view';

/** LIKE pattern text with the wildcards of the query taken literally. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// Branches first (the only choice that works), then the closest names.
const ranking = [sql`${orgs.type} <> 'branch'`, sql`char_length(${orgs.shortName})`, asc(orgs.id)];

/**
 * §4.1 search before check-in: by short name, full name or alias. Prefix matches of the
 * short name come first and use its index; the rest is a contains-match over the three
 * names. Each result carries the path of short names so a member can tell two
 * "计算机2017级3班团支部" apart (the real systems' most common mistake, §10).
 */
export async function searchOrgs(db: Db, q: string, limit: number): Promise<OrgSearchItem[]> {
  const text = escapeLike(q.trim());
  const prefix = await db
    .select()
    .from(orgs)
    .where(like(orgs.shortName, `${text}%`))
    .orderBy(...ranking)
    .limit(limit);
  let rows: OrgRow[] = prefix;
  if (rows.length < limit) {
    const contains = `%${text}%`;
    const more = await db
      .select()
      .from(orgs)
      .where(
        and(
          or(like(orgs.shortName, contains), like(orgs.fullName, contains), like(orgs.alias, contains)),
          rows.length ? notInArray(orgs.id, rows.map((r) => r.id)) : undefined,
        ),
      )
      .orderBy(...ranking)
      .limit(limit - rows.length);
    rows = [...rows, ...more];
  }
  const names = await ancestorNames(db, rows);
  return rows.map((r) => ({
    id: String(r.id),
    type: r.type,
    shortName: r.shortName,
    fullName: r.fullName,
    alias: r.alias,
    pathNames: ancestorIds(r.path).map((id) => names.get(id) ?? ''),
    selectable: r.type === 'branch',
    reason: r.type === 'branch' ? null : 'CHECKIN_NOT_BRANCH',
  }));
}

