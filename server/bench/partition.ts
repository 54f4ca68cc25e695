/**
 * One partition of the benchmark province (generate.ts): the rows of every org whose
 * `id % parts` is `part`, as LOAD DATA text. Partitions are independent — each has its own
 * PRNG, its own slice of the ID-sequence and development-number spaces (people.ts) and its
 * own contiguous ranges of user / check-in / roster ids and phone numbers (planPartitions) —
 * so worker threads generate them in parallel and the dataset does not depend on how many
 * workers there are or in which order partitions finish.
 */
import { createCipheriv, createHash, createHmac } from 'node:crypto';
import { makeCertificationSchema, proposeFullName, validateIdNumber } from '@tj/shared';
import { fieldsComplete } from '../src/modules/orgs/service';
import { countersOf } from '../src/modules/stats/counters';
import { STATS_COLUMNS } from '../src/modules/stats/columns';
import { People, phoneOf } from './people';
import { buildProvince, rngOf, type OrgNode } from './province';
import { createSealer } from '../src/lib/pii';

export const SEED = 20240501;
/** Fixed (not the number of cores): the partitioning is part of the dataset's definition. */
export const PARTITIONS = 8;

export const TABLES = ['orgs', 'users', 'checkins', 'roster_entries', 'branch_stats'] as const;
export type Table = (typeof TABLES)[number];
export const COLUMNS: Record<Table, string[]> = {
  orgs: [
    'id',
    'parent_id',
    'path',
    'depth',
    'type',
    'short_name',
    'full_name',
    'industry',
    'branch_category',
    'secretary_name',
    'secretary_id_enc',
    'secretary_id_hash',
    'secretary_phone',
    'contact_phone',
    'email',
    'admin_staff_quota',
    'admin_staff_actual',
    'institution_staff_quota',
    'institution_staff_actual',
    'sort_order',
    'fields_complete',
    'secretary_registered',
    'cadre_count',
    'region_code',
    'created_at',
    'updated_at',
  ],
  users: ['id', 'phone', 'password_hash', 'name', 'region_code', 'last_login_at', 'created_at', 'updated_at'],
  checkins: [
    'id',
    'user_id',
    'branch_id',
    'status',
    'saved_steps',
    'draft',
    'approved_data',
    'id_enc',
    'id_hash',
    'approved_id_hash',
    'development_number',
    'approved_dev_number',
    'real_name_status',
    'real_name_generation',
    'real_name_rechecked',
    'real_name_key',
    'return_reason',
    'submitted_at',
    'reviewed_at',
    'reviewed_by',
    'created_at',
    'updated_at',
  ],
  roster_entries: ['id', 'org_id', 'name', 'id_enc', 'id_hash', 'phone', 'position', 'cadre_nature', 'is_operator', 'is_admin', 'user_id', 'onboarded_at', 'created_at', 'updated_at'],
  branch_stats: ['path', 'branch_id', ...STATS_COLUMNS],
};

/** Where each partition's ids and phone numbers start (prefix sums over partitions). */
export interface PartitionBase {
  user: number;
  checkin: number;
  roster: number;
  member: number;
  cadre: number;
}

export function planPartitions(orgs: OrgNode[], parts = PARTITIONS): PartitionBase[] {
  const size = Array.from({ length: parts }, () => ({ user: 0, checkin: 0, roster: 0, member: 0, cadre: 0 }));
  for (const o of orgs) {
    const s = size[o.id % parts];
    const n = o.members ?? 0;
    if (o.type !== 'branch') Object.assign(s, { user: s.user + 1, roster: s.roster + 1, cadre: s.cadre + 1 });
    else if (n > 0) Object.assign(s, { user: s.user + n, checkin: s.checkin + n, roster: s.roster + 1, member: s.member + n });
    else s.cadre++;
  }
  const bases: PartitionBase[] = [];
  const at = { user: 0, checkin: 0, roster: 0, member: 0, cadre: 0 };
  for (const s of size) {
    bases.push({ ...at });
    for (const k of Object.keys(at) as (keyof PartitionBase)[]) at[k] += s[k];
  }
  return bases;
}

// LOAD DATA text format: tab-separated, \N for NULL, backslash escapes.
const NEEDS_ESCAPE = /[\\\t\n]/;
const esc = (v: unknown): string => {
  if (v == null) return '\\N';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return v.toISOString().replace('T', ' ').slice(0, 23);
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return NEEDS_ESCAPE.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n') : s;
};

/**
 * lib/pii.ts's encrypt with a counter for IV instead of 12 random bytes: same key, same
 * `v1.` + base64url(iv ‖ tag ‖ data) format (generate.ts checks pii.decrypt reads it), and
 * GCM only needs IVs never to repeat under a key — each partition has its own IV prefix.
 * randomBytes per value was a third of the generator's CPU. Dataset-only: the app keeps
 * random IVs.
 */
export function fastEncrypter(secret: string, stream: number) {
  const key = createHash('sha256').update(`enc:${secret}`).digest();
  const iv = Buffer.alloc(12);
  iv.write('bnch', 0, 'latin1');
  iv.writeUInt8(stream, 4);
  let counter = 0;
  return (plain: string) => {
    iv.writeUIntBE(++counter, 6, 6);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url')}`;
  };
}

/** lib/pii.ts's lookupHash with the HMAC key derived once (generate.ts checks they agree). */
export function fastLookupHash(secret: string) {
  const macKey = createHash('sha256').update(`mac:${secret}`).digest();
  return (plain: string) => createHmac('sha256', macKey).update(plain.toUpperCase()).digest('hex');
}

export interface PartitionJob {
  members: number;
  today: string;
  now: string;
  piiSecret: string;
  passwordHash: string;
  parts: number;
}

export interface PartitionResult {
  rows: Record<Table, number>;
  checked: number;
  invalid: number;
  firstInvalid: string[];
}

/**
 * Generates partition `part` and hands its rows to `emit` as LOAD DATA text, about 1 MB per
 * call per table; awaits what `emit` returns (the loader's backpressure).
 */
export async function generatePartition(
  job: PartitionJob,
  orgs: OrgNode[],
  base: PartitionBase,
  part: number,
  emit: (table: Table, text: string, rows: number) => Promise<void> | void,
): Promise<PartitionResult> {
  const rng = rngOf((SEED + 1 + Math.imul(part + 1, 0x9e3779b1)) >>> 0);
  const people = new People(rng, job.today, part, job.parts);
  const encrypt = fastEncrypter(job.piiSecret, 16 + part);
  const lookupHash = fastLookupHash(job.piiSecret);
  // §9 phones are sealed at rest, as the server's columns do (db/schema/sealed.ts)
  const seal = createSealer(job.piiSecret).seal;
  const formText = (doc: Record<string, unknown>) => JSON.stringify(typeof doc.phone === 'string' ? { ...doc, phone: seal(doc.phone) } : doc);
  const schema = makeCertificationSchema({ today: job.today, holdsRosterPosition: false });
  const secretarySchema = makeCertificationSchema({ today: job.today, holdsRosterPosition: true });
  const now = new Date(job.now);
  const nowMs = now.getTime();
  const nowText = esc(now);
  const day = 86_400_000;
  const passwordHash = job.passwordHash;

  let userId = base.user;
  let memberIndex = base.member;
  let cadreIndex = base.cadre;
  let rosterId = base.roster;
  let checkinId = base.checkin;
  const result: PartitionResult = { rows: { orgs: 0, users: 0, checkins: 0, roster_entries: 0, branch_stats: 0 }, checked: 0, invalid: 0, firstInvalid: [] };

  const buffers = Object.fromEntries(TABLES.map((t) => [t, { parts: [] as string[], bytes: 0, rows: 0 }])) as Record<Table, { parts: string[]; bytes: number; rows: number }>;
  const pending: Promise<void>[] = [];
  const flush = (table: Table) => {
    const b = buffers[table];
    if (b.rows === 0) return;
    const w = emit(table, b.parts.join(''), b.rows);
    if (w) pending.push(w);
    result.rows[table] += b.rows;
    b.parts = [];
    b.bytes = 0;
    b.rows = 0;
  };
  const add = (table: Table, values: unknown[]) => {
    let line = esc(values[0]);
    for (let i = 1; i < values.length; i++) line += `\t${esc(values[i])}`;
    line += '\n';
    const b = buffers[table];
    b.parts.push(line);
    b.bytes += line.length;
    b.rows++;
    if (b.bytes >= 1 << 20) flush(table);
  };

  // `cadres`: the org's roster lines written below (orgs.cadre_count, kept live by roster/lines.ts)
  const orgRow = (o: OrgNode, sec: { name: string; idNumber: string; phone: string; idEnc?: string; idHash?: string }, registered: boolean, cadres: number) => {
    const staffing = o.type === 'leadingOrgan' || o.type === 'grassrootsCommittee';
    const fullName = proposeFullName(o.shortName, o.type);
    const fields = {
      shortName: o.shortName,
      fullName,
      industry: o.industry,
      secretaryName: sec.name,
      secretaryIdNumber: sec.idNumber,
      secretaryPhone: sec.phone,
      contactPhone: staffing ? `020-${8000_0000 + o.id}`.slice(0, 12) : null,
      email: staffing ? `tw${o.id}@example.com` : null,
      adminStaffQuota: staffing ? 5 : null,
      adminStaffActual: staffing ? 4 : null,
      institutionStaffQuota: staffing ? 2 : null,
      institutionStaffActual: staffing ? 2 : null,
    };
    add('orgs', [
      o.id,
      o.parentId,
      o.path,
      o.depth,
      o.type,
      o.shortName,
      fullName,
      o.industry,
      o.type === 'branch' ? 'ordinary' : null,
      sec.name,
      sec.idEnc ?? encrypt(sec.idNumber),
      sec.idHash ?? lookupHash(sec.idNumber),
      seal(sec.phone),
      fields.contactPhone && seal(fields.contactPhone),
      fields.email,
      fields.adminStaffQuota,
      fields.adminStaffActual,
      fields.institutionStaffQuota,
      fields.institutionStaffActual,
      o.sortOrder,
      fieldsComplete(o.type, fields),
      registered,
      cadres,
      o.regionCode,
      nowText,
      nowText,
    ]);
  };

  for (const o of orgs) {
    if (o.id % job.parts !== part) continue;
    if (o.type !== 'branch') {
      // one onboarded admin per committee (roster + account; committee cadres check in elsewhere)
      const cadre = people.cadre(o.regionCode);
      const phone = phoneOf(1_000_000_000 + cadreIndex++);
      const uid = ++userId;
      const loggedIn = rng() < 0.8;
      add('users', [uid, seal(phone), passwordHash, cadre.name, o.regionCode, loggedIn ? new Date(nowMs - rng() * 60 * day) : null, nowText, nowText]);
      const idEnc = encrypt(cadre.idNumber);
      const idHash = lookupHash(cadre.idNumber);
      add('roster_entries', [++rosterId, o.id, cadre.name, idEnc, idHash, seal(phone), 'secretary', 'fullTime', 1, 1, uid, nowText, nowText, nowText]);
      orgRow(o, { name: cadre.name, idNumber: cadre.idNumber, phone, idEnc, idHash }, true, 1);
      continue;
    }
    const n = o.members ?? 0;
    const counts = new Map<string, number>();
    let secretary: { name: string; idNumber: string; phone: string; idEnc: string; idHash: string } | null = null;
    let secretaryUser: number | null = null;
    for (let k = 0; k < n; k++) {
      const p = people.person(o, memberIndex++, k === 0);
      const uid = ++userId;
      const idEnc = encrypt(p.idNumber);
      const idHash = lookupHash(p.idNumber);
      const member = p.approvedData != null;
      const createdAt = p.submittedAt ? new Date(p.submittedAt.getTime() - rng() * 5 * day) : new Date(nowMs - rng() * 60 * day);
      add('users', [uid, seal(p.phone), passwordHash, p.name, o.regionCode, new Date(nowMs - rng() * 90 * day), createdAt, createdAt]);
      // the data in force equals the draft unless an edit waits or was returned: one JSON text for both
      const draft = formText(p.draft);
      const approved = p.approvedData == null ? null : p.status === 'approved' ? draft : formText(p.approvedData);
      add('checkins', [
        ++checkinId,
        uid,
        o.id,
        p.status,
        p.savedSteps,
        draft,
        approved,
        idEnc,
        idHash,
        member ? idHash : null,
        p.developmentNumber,
        member ? p.developmentNumber : null,
        p.realNameStatus,
        p.status ? 1 : 0,
        p.realNameStatus === 'rechecking' || (p.realNameStatus === 'failed' && rng() < 0.5),
        p.status ? lookupHash(`${p.name}|${p.idNumber}`) : null,
        p.returnReason,
        p.submittedAt,
        p.reviewedAt,
        p.reviewedAt ? (secretaryUser ?? uid) : null,
        createdAt,
        p.reviewedAt ?? p.submittedAt ?? createdAt,
      ]);
      for (const c of countersOf({ branchId: o.id, status: p.status, approvedData: p.approvedData })) counts.set(c, (counts.get(c) ?? 0) + 1);
      if (k === 0) {
        secretary = { name: p.name, idNumber: p.idNumber, phone: p.phone, idEnc, idHash };
        secretaryUser = uid;
        // §6.1 a branch's roster holds its secretary; most are onboarded, most branches have them as operator
        const onboarded = rng() < 0.85;
        add('roster_entries', [
          ++rosterId,
          o.id,
          p.name,
          idEnc,
          idHash,
          seal(p.phone),
          'secretary',
          'partTime',
          rng() < 0.75,
          0,
          onboarded ? uid : null,
          onboarded ? nowText : null,
          nowText,
          nowText,
        ]);
      }
      // every 211th complete form is checked against the same schema submit uses
      if (p.savedSteps >= 3 && memberIndex % 211 === 0) {
        result.checked++;
        const res = (k === 0 ? secretarySchema : schema).safeParse({ ...(p.approvedData ?? p.draft), idNumber: p.idNumber });
        const id = validateIdNumber(p.idNumber, job.today);
        if (!res.success || !id.ok) {
          result.invalid++;
          if (result.firstInvalid.length < 3) result.firstInvalid.push(JSON.stringify(res.success ? id : res.error.issues.slice(0, 2)));
        }
      }
    }
    // a branch with members has its secretary's roster line (k === 0 above), an empty one none
    if (secretary) orgRow(o, secretary, true, 1);
    else orgRow(o, { name: '待定', idNumber: people.cadre(o.regionCode).idNumber, phone: phoneOf(1_000_000_000 + cadreIndex++) }, false, 0);
    add('branch_stats', [o.path, o.id, ...STATS_COLUMNS.map((c) => counts.get(c) ?? 0)]);
    if (pending.length) await Promise.all(pending.splice(0));
  }
  for (const t of TABLES) flush(t);
  await Promise.all(pending);
  return result;
}

/** The province of a size (deterministic: the same tree in every worker). */
export const provinceOf = (members: number, today: string) => buildProvince(members, SEED, today);
