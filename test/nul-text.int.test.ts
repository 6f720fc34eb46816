import { describe, expect, it } from 'vitest';
import { databaseKind } from './support/database-kind.js';
import { useTestEnv } from './support/test-env.js';

const env = useTestEnv();

describe('text with a NUL character', () => {
  it('is refused as bad input where the store cannot keep it (PostgreSQL), kept intact elsewhere, never a 5xx', async () => {
    const user = await env().newUser('Nul');
    const res = await env().call(user, 'POST', '/api/v1/tasks', {
      title: 'groceries',
      notes: 'oat\u0000milk',
    });
    const list = await env().call(user, 'GET', '/api/v1/tasks');
    if ((await databaseKind(env().database.db)) === 'ferretdb-postgresql') {
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/NUL/);
      expect(list.body.items).toEqual([]);
    } else {
      // MongoDB and FerretDB on SQLite store it: nothing is lost on the way.
      expect(res.status).toBe(201);
      expect(list.body.items.map((t: { notes: string }) => t.notes)).toEqual(['oat\u0000milk']);
    }
  });
});
