import { eq } from 'drizzle-orm';
import { ErrorMessages } from '@tj/shared';
import type { App } from '../src/app';
import { uploads } from '../src/db/schema';
import { attachUpload, sniffImage } from '../src/modules/uploads/service';
import { buildTestApp } from './helper';
import { JPEG_HEAD, PNG_1X1, WEBP_HEAD, fileUpload, insertOrg, memberUser, onboardedCadre, orgTree } from './fixtures';

describe('uploads (images, §7.1 limits)', () => {
  let app: App;
  let tree: Awaited<ReturnType<typeof orgTree>>;
  beforeAll(async () => {
    app = await buildTestApp();
    tree = await orgTree(app);
  });
  afterAll(() => app.close());

  const upload = (headers: Record<string, string>, body: ReturnType<typeof fileUpload>) =>
    app.inject({ method: 'POST', url: '/api/uploads', headers: { ...headers, ...body.headers }, payload: body.payload });

  it('judges the type by the content: PNG, JPEG and WEBP pass, whatever they are called', async () => {
    expect(sniffImage(PNG_1X1)).toBe('image/png');
    expect(sniffImage(JPEG_HEAD)).toBe('image/jpeg');
    expect(sniffImage(WEBP_HEAD)).toBe('image/webp');
    expect(sniffImage(Buffer.from('GIF89a'))).toBeNull();

    const u = await memberUser(app);
    const res = await upload(u.headers, fileUpload(PNG_1X1, 'x.txt', 'text/plain'));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toEqual({ fileId: expect.stringMatching(/^\d+$/), mime: 'image/png', size: PNG_1X1.length, url: `/api/uploads/${body.fileId}` });
    const [row] = await app.db
      .select()
      .from(uploads)
      .where(eq(uploads.id, Number(body.fileId)));
    expect(row).toMatchObject({ ownerUserId: u.userId, orgId: null, mime: 'image/png', size: PNG_1X1.length });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);

    const read = await app.inject({ method: 'GET', url: body.url, headers: u.headers });
    expect(read.statusCode).toBe(200);
    expect(read.headers['content-type']).toBe('image/png');
    expect(read.rawPayload.equals(PNG_1X1)).toBe(true);

    expect((await upload(u.headers, fileUpload(JPEG_HEAD, 'a.jpg', 'image/jpeg'))).json().mime).toBe('image/jpeg');
    expect((await upload(u.headers, fileUpload(WEBP_HEAD, 'a.webp', 'image/webp'))).json().mime).toBe('image/webp');
  });

  it('refuses text named .png, files over 10 MB (北京’s limit [003]; each use checks its own), a request without a file, and anonymous callers', async () => {
    const u = await memberUser(app);
    const text = await upload(u.headers, fileUpload(Buffer.from('hello, I am not a picture'), 'photo.png', 'image/png'));
    expect(text.statusCode).toBe(400);
    expect(text.json()).toEqual({ code: 'UPLOAD_NOT_IMAGE', message: ErrorMessages.UPLOAD_NOT_IMAGE, field: 'file' });

    const big = Buffer.concat([PNG_1X1, Buffer.alloc(10 * 1024 * 1024)]);
    const tooLarge = await upload(u.headers, fileUpload(big));
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ code: 'UPLOAD_TOO_LARGE', field: 'file' });
    const limit = Buffer.concat([PNG_1X1, Buffer.alloc(10 * 1024 * 1024 - PNG_1X1.length)]);
    expect((await upload(u.headers, fileUpload(limit))).statusCode).toBe(201); // exactly 10 MB is fine

    const json = await app.inject({ method: 'POST', url: '/api/uploads', headers: u.headers, payload: { file: 'x' } });
    expect(json.json().code).toBe('UPLOAD_NOT_IMAGE');
    const wrongField = await upload(u.headers, fileUpload(PNG_1X1, 'a.png', 'image/png', 'photo'));
    expect(wrongField.json().code).toBe('UPLOAD_NOT_IMAGE');
    expect((await app.inject({ method: 'POST', url: '/api/uploads', ...fileUpload(PNG_1X1) })).statusCode).toBe(401);
    const before = (await app.db.select().from(uploads).where(eq(uploads.ownerUserId, u.userId))).length;
    expect(before).toBe(1); // only the accepted one was stored
  });

  it('serves a file to its owner and, once attached to an org, to that org’s operators and admins above', async () => {
    const owner = await onboardedCadre(app, tree.branch.id, { isOperator: true });
    const { fileId, url } = (await upload(owner.headers, fileUpload(PNG_1X1))).json();
    const stranger = await memberUser(app);
    const branchOp = await onboardedCadre(app, tree.branch.id, { isOperator: true });
    const plain = await onboardedCadre(app, tree.branch.id);
    const gradeAdmin = await onboardedCadre(app, tree.grade.id, { isAdmin: true });
    const otherBranch = await insertOrg(app, tree.grade, 'branch');
    const otherOp = await onboardedCadre(app, otherBranch.id, { isOperator: true });
    const get = (h: Record<string, string>) => app.inject({ method: 'GET', url, headers: h });

    expect((await get(branchOp.headers)).statusCode).toBe(404); // not attached yet: the owner's alone
    await attachUpload(app.db, owner.userId, fileId, tree.branch.id, 'photo');
    expect((await get(owner.headers)).statusCode).toBe(200);
    expect((await get(branchOp.headers)).statusCode).toBe(200);
    expect((await get(gradeAdmin.headers)).statusCode).toBe(200);
    for (const h of [stranger.headers, plain.headers, otherOp.headers]) {
      const res = await get(h);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    }
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await get({ ...owner.headers })).rawPayload.equals(PNG_1X1)).toBe(true);

    // someone else's file, or one attached elsewhere, cannot be attached
    await expect(attachUpload(app.db, stranger.userId, fileId, tree.branch.id, 'photo')).rejects.toMatchObject({ code: 'UPLOAD_INVALID' });
    await expect(attachUpload(app.db, owner.userId, fileId, otherBranch.id, 'photo')).rejects.toMatchObject({ code: 'UPLOAD_INVALID' });
  });
});
