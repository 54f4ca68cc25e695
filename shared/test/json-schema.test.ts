import { z } from 'zod';
import * as admin from '../src/schemas/admin';
import * as alias from '../src/schemas/alias';
import * as attachment from '../src/schemas/attachment';
import * as auth from '../src/schemas/auth';
import * as certification from '../src/schemas/certification';
import * as common from '../src/schemas/common';
import * as enums from '../src/schemas/enums';
import * as org from '../src/schemas/org';
import * as person from '../src/schemas/person';
import * as review from '../src/schemas/review';
import * as roster from '../src/schemas/roster';
import * as transfer from '../src/schemas/transfer';

/**
 * The server may publish the domain schemas as JSON Schema (swagger / fastify type
 * providers): each must convert, in both directions, without throwing — so no
 * `.transform` and no unrepresentable types in them.
 */
const modules = { admin, alias, attachment, auth, certification, common, enums, org, person, review, roster, transfer };
const schemas = Object.values(modules).flatMap((m) => Object.entries(m).filter(([name, v]) => name.endsWith('Schema') && v instanceof z.ZodType)) as [string, z.ZodType][];

describe('JSON Schema conversion', () => {
  it('finds the schemas', () => expect(schemas.length).toBeGreaterThan(30));

  it.each(schemas)('%s converts', (_, schema) => {
    expect(() => z.toJSONSchema(schema, { io: 'input' })).not.toThrow();
    expect(() => z.toJSONSchema(schema, { io: 'output' })).not.toThrow();
  });
});
