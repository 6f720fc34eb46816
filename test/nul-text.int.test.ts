import { describe, expect, it } from 'vitest';
import { useTestEnv } from './support/test-env.js';

const env = useTestEnv();

describe('text with a NUL character', () => {
  it('is refused as bad input (PostgreSQL cannot store it), not answered with a 5xx, and nothing is created', async () => {
    const user = await env().newUser('Nul');
    const res = await env().call(user, 'POST', '/api/v1/tasks', {
      title: 'groceries',
      notes: 'oat\u0000milk',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/NUL/);
    const list = await env().call(user, 'GET', '/api/v1/tasks');
    expect(list.body.items).toEqual([]);
  });
});
