import type mysql from 'mysql2/promise';
import { createSealer } from '../lib/pii';

const COLUMNS: [table: string, column: string][] = [
  ['users', 'phone'],
  ['roster_entries', 'phone'],
  ['sms_codes', 'phone'],
  ['orgs', 'secretary_phone'],
  ['orgs', 'contact_phone'],
];
const FORMS = ['draft', 'approved_data'];
const BATCH = 1000;

/**
 * Issue 12.9: databases made before phones were sealed hold them in plain text. SQL cannot
 * compute the seal, so this runs after the SQL migrations (migrate.ts), in batches, and is a
 * no-op once every value carries the `p1.` prefix. Returns how many values it sealed.
 */
export async function sealLegacyPhones(conn: mysql.Connection, piiSecret: string): Promise<number> {
  const { seal } = createSealer(piiSecret);
  let sealed = 0;
  for (const [table, column] of COLUMNS) {
    for (;;) {
      const [rows] = await conn.query<mysql.RowDataPacket[]>(`select id, \`${column}\` v from \`${table}\` where \`${column}\` is not null and \`${column}\` not like 'p1.%' limit ${BATCH}`);
      if (rows.length === 0) break;
      for (const r of rows) await conn.query(`update \`${table}\` set \`${column}\` = ? where id = ?`, [seal(String(r.v)), r.id]);
      sealed += rows.length;
    }
  }
  for (const column of FORMS) {
    for (;;) {
      const [rows] = await conn.query<mysql.RowDataPacket[]>(`select id, \`${column}\` v from checkins where json_value(\`${column}\`, '$.phone') not like 'p1.%' limit ${BATCH}`);
      if (rows.length === 0) break;
      for (const r of rows) {
        const doc = (typeof r.v === 'string' ? JSON.parse(r.v) : r.v) as Record<string, unknown>;
        doc.phone = seal(String(doc.phone));
        await conn.query(`update checkins set \`${column}\` = ? where id = ?`, [JSON.stringify(doc), r.id]);
      }
      sealed += rows.length;
    }
  }
  return sealed;
}
