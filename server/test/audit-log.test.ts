import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { AuditActionLabels, auditSummary, isAuditAction } from '@tj/shared';
import type { App } from '../src/app';
import { checkins, rosterEntries, users } from '../src/db/schema';
import { buildTestApp } from './helper';
import { certForm, memberUser, onboardedCadre, orgTree } from './fixtures';

const SRC = join(__dirname, '../src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });

/**
 * Every action code the server source can write: the literals given to `audit({ action })`,
 * to a transfer move's `audit:`, to an `…_ACTION` constant, and to `approveIn(…)` (the
 * review helper that takes its code as an argument). The typed `AuditAction` already makes
 * tsc refuse an unknown code; this catches a code smuggled in as a plain string.
 */
function writtenActions(): Map<string, string> {
  const found = new Map<string, string>();
  const contexts = [/\b(?:action|audit)\s*:\s*([^,\n}]+)/g, /\b[A-Z_]*ACTION\b[^=\n]*=\s*([^;\n]+)/g, /\bapproveIn\(([^)]*)\)/g];
  for (const file of files(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const re of contexts) {
      for (const m of text.matchAll(re)) {
        for (const lit of m[1].matchAll(/'([a-zA-Z_]+\.[a-zA-Z_]+)'/g)) found.set(lit[1], file.slice(SRC.length + 1));
      }
    }
  }
  return found;
}

describe('audit log: labels, summaries, real actors (issue 13 item 7)', () => {
  it('has a Chinese label for every action code the server can write', () => {
    const written = writtenActions();
    // The scan must see the codes written through every path, or it proves nothing.
    for (const known of ['org.create', 'roster.add', 'checkin.batchApprove', 'transfer.expire', 'password_reset_code.attempt', 'cadre.onboard', 'cadre.position']) {
      expect(written.has(known)).toBe(true);
    }
    expect(written.size).toBeGreaterThanOrEqual(40);
    const unlabeled = [...written].filter(([code]) => !isAuditAction(code)).map(([code, file]) => `${code} (${file})`);
    expect(unlabeled).toEqual([]);
    for (const label of Object.values(AuditActionLabels)) expect(label).toMatch(/^[\u4e00-\u9fa5（）]+$/);
  });

  describe('over HTTP', () => {
    let app: App;
    let tree: Awaited<ReturnType<typeof orgTree>>;
    beforeAll(async () => {
      app = await buildTestApp();
      tree = await orgTree(app);
    });
    afterAll(() => app.close());

    it('names members and cadres by their check-in / roster name, not 系统, and says what happened to whom', async () => {
      const admin = await onboardedCadre(app, tree.school.id, { isAdmin: true });
      // Real accounts: a member registers with a phone only, a cadre onboards through the roster.
      const member = await memberUser(app);
      const operator = await onboardedCadre(app, tree.branch.id, { isOperator: true });
      await app.db.update(users).set({ name: null }).where(eq(users.id, member.userId));
      await app.db.update(users).set({ name: null }).where(eq(users.id, operator.userId));
      await app.db.update(rosterEntries).set({ name: '张书记' }).where(eq(rosterEntries.userId, operator.userId));

      const form = certForm(tree.branch.id, { name: '李小红' });
      for (const step of ['identity', 'league', 'contact', 'optional'] as const) {
        expect((await app.inject({ method: 'PUT', url: `/api/me/checkin/steps/${step}`, headers: member.headers, payload: form[step] })).statusCode).toBe(200);
      }
      expect((await app.inject({ method: 'POST', url: '/api/me/checkin/submit', headers: member.headers })).statusCode).toBe(200);
      const [me] = await app.db.select({ id: checkins.id }).from(checkins).where(eq(checkins.userId, member.userId));
      const returned = await app.inject({
        method: 'POST',
        url: `/api/orgs/${tree.branch.id}/checkins/${me.id}/review`,
        headers: operator.headers,
        payload: { action: 'return', reason: '入团年月有误' },
      });
      expect(returned.json()).toMatchObject({ status: 'returned' });
      const add = await app.inject({
        method: 'POST',
        url: `/api/orgs/${tree.branch.id}/roster`,
        headers: admin.headers,
        payload: { name: '王组织委员', idNumber: '440106199003070028', phone: '13912340001', position: 'organizationMember' },
      });
      expect(add.statusCode).toBe(201);

      const res = await app.inject({ method: 'GET', url: `/api/orgs/${tree.school.id}/audit`, headers: admin.headers });
      expect(res.statusCode).toBe(200);
      const items = res.json().items as { action: string; actorName: string | null; targetName: string | null; before: unknown; after: unknown }[];
      const by = (action: string) => items.find((i) => i.action === action)!;
      expect(by('checkin.submit')).toMatchObject({ actorName: '李小红', targetName: '李小红' });
      expect(by('checkin.return')).toMatchObject({ actorName: '张书记', targetName: '李小红' });
      expect(auditSummary(by('checkin.return'))).toBe('李小红 · 退回原因：入团年月有误');
      const rosterAdd = by('roster.add');
      expect(rosterAdd).toMatchObject({ actorName: '测试团干', targetName: '王组织委员' });
      expect(auditSummary(rosterAdd)).not.toContain('管理员');
      expect(auditSummary(rosterAdd)).toContain('王组织委员');
      for (const i of items) expect(isAuditAction(i.action)).toBe(true);
    });
  });
});
