import { ErrorMessages } from '@tj/shared';
import { eq } from 'drizzle-orm';
import type { App } from '../src/app';
import { orgs } from '../src/db/schema';
import { buildTestApp } from './helper';
import { onboardedCadre, orgTree, VALID_IDS } from './fixtures';
import { multipart, readXlsx, xlsx } from './excel';

const HEADERS = ['组织类别', '组织简称', '组织全称（留空则按简称生成）', '单位所属行业类别', '团支部类别（仅团支部）', '书记姓名', '书记身份证号', '书记手机号'];
const row = (name: string, idNumber = VALID_IDS[0]) => ['团支部', name, '', '普通高等学校', '普通团支部', '王五', idNumber, '13912340000'];

describe('Excel import of sub-orgs (§3.4)', () => {
  let app: App;
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let admin: Awaited<ReturnType<typeof onboardedCadre>>;
  beforeAll(async () => {
    app = await buildTestApp();
    tree = await orgTree(app);
    admin = await onboardedCadre(app, tree.grade.id, { isAdmin: true });
  });
  afterAll(() => app.close());

  const upload = (file: Buffer, orgId = tree.grade.id, headers = admin.headers) => {
    const body = multipart(file);
    return app.inject({ method: 'POST', url: `/api/orgs/${orgId}/import`, payload: body.payload, headers: { ...headers, ...body.headers } });
  };
  const children = () => app.db.select().from(orgs).where(eq(orgs.parentId, tree.grade.id));

  it('offers a template whose headers the importer reads', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/orgs/${tree.grade.id}/import/template.xlsx`, headers: admin.headers });
    expect(res.statusCode).toBe(200);
    const [headers] = await readXlsx(res.rawPayload);
    expect(headers.slice(0, HEADERS.length)).toEqual(HEADERS);
  });

  it('refuses the whole file when one row is bad, naming the row; then imports all rows once fixed', async () => {
    const before = (await children()).length;
    const bad = await xlsx(HEADERS, [row('化学专业2024级1班团支部'), row('化学专业2024级2班团支部', '440106199003070029'), row('化学专业2024级3班团支部')]);
    const res = await upload(bad);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'IMPORT_ROWS_INVALID', message: ErrorMessages.IMPORT_ROWS_INVALID });
    expect(res.json().rows).toEqual([{ row: 3, field: 'secretaryIdNumber', code: 'ID_NUMBER_CHECKSUM', message: ErrorMessages.ID_NUMBER_CHECKSUM }]);
    expect(await children()).toHaveLength(before);

    const fixed = await xlsx(HEADERS, [row('化学专业2024级1班团支部'), row('化学专业2024级2班团支部'), row('化学专业2024级3班团支部')]);
    const ok = await upload(fixed);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ imported: 3 });
    const names = (await children()).map((c) => c.fullName);
    expect(names).toContain('中国共产主义青年团化学专业2024级1班支部委员会');
  });

  it('refuses duplicate names within the file and against existing siblings', async () => {
    const res = await upload(await xlsx(HEADERS, [row('化学专业2024级1班团支部'), row('物理专业2024级1班团支部'), row('物理专业2024级1班团支部')]));
    expect(res.json().rows.map((r: { row: number; code: string }) => [r.row, r.code])).toEqual([
      [2, 'ORG_NAME_TAKEN'],
      [4, 'ORG_NAME_TAKEN'],
    ]);
  });

  it('refuses a type the parent cannot hold, an empty sheet and a non-Excel file', async () => {
    const wrongType = await upload(await xlsx(HEADERS, [['基层团委', '某某团委', '', '普通高等学校', '', '王五', VALID_IDS[0], '13912340000']]));
    expect(wrongType.json().rows[0]).toMatchObject({ row: 2, code: 'ORG_TYPE_NOT_ALLOWED' });
    expect((await upload(await xlsx(HEADERS, []))).json().code).toBe('IMPORT_EMPTY');
    expect((await upload(Buffer.from('name,type\nx,y'))).json()).toMatchObject({ code: 'IMPORT_FILE_INVALID', field: 'file' });
  });

  it('is refused to an admin outside the subtree', async () => {
    const other = await onboardedCadre(app, tree.otherCity.id, { isAdmin: true });
    const res = await upload(await xlsx(HEADERS, [row('越权导入团支部')]), tree.grade.id, other.headers);
    expect(res.statusCode).toBe(403);
    const tpl = await app.inject({ method: 'GET', url: `/api/orgs/${tree.grade.id}/import/template.xlsx`, headers: other.headers });
    expect(tpl.statusCode).toBe(403);
  });
});
