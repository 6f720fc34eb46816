import { describe, expect, it } from 'vitest';
import { useTestEnv } from './support/test-env.js';

const env = useTestEnv();

describe('profile and tokens over HTTP', () => {
  it('rejects a request without a token with 401 and WWW-Authenticate', async () => {
    const res = await env().call(null, 'GET', '/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('returns and updates the acting person profile', async () => {
    const user = await env().newUser('Ada', 'Europe/Berlin');
    const me = (await env().call(user, 'GET', '/api/v1/me')).body;
    expect(me).toMatchObject({ id: user.userId, name: 'Ada', timezone: 'Europe/Berlin' });
    const res = await env().call(user, 'PATCH', '/api/v1/me', {
      quietHours: { start: '21:30', end: '07:00' },
      tone: 'playful',
    });
    expect(res.status).toBe(200);
    expect(res.body.preferences).toMatchObject({
      quietHours: { start: '21:30', end: '07:00' },
      tone: 'playful',
    });
  });

  it('explains a bad time zone clearly', async () => {
    const user = await env().newUser();
    const res = await env().call(user, 'PATCH', '/api/v1/me', { timezone: 'Mars/Olympus' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toContain('timezone');
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const user = await env().newUser();
    const res = await env().call(user, 'PATCH', '/api/v1/me', '{"tone": ');
    expect(res.status).toBe(400);
  });

  it('shows a new token once and stops accepting it after revocation', async () => {
    const user = await env().newUser();
    const created = (await env().call(user, 'POST', '/api/v1/me/tokens', { name: 'laptop' })).body;
    expect(created.token).toMatch(/^ff_/);
    const second = { userId: user.userId, token: created.token as string };
    expect((await env().call(second, 'GET', '/api/v1/me')).status).toBe(200);
    const list = (await env().call(user, 'GET', '/api/v1/me/tokens')).body;
    expect(JSON.stringify(list)).not.toContain(created.token);
    expect((await env().call(user, 'DELETE', `/api/v1/me/tokens/${created.info.id}`)).status).toBe(200);
    expect((await env().call(second, 'GET', '/api/v1/me')).status).toBe(401);
  });

  it('tags every response with a request id that error bodies repeat', async () => {
    const res = await env().call(null, 'GET', '/api/v1/me');
    const id = res.headers.get('x-request-id');
    expect(id).toBeTruthy();
    expect(res.body.error.requestId).toBe(id);
  });

  it('answers unknown paths with the same error shape', async () => {
    const res = await env().call(null, 'GET', '/nowhere');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_FOUND' });
  });
});
