import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateProfile } from '../src/domain/users/update-profile.js';
import { createTestEnv, type TestEnv } from './support/test-env.js';
import { startSmtpRecorder } from './support/smtp-recorder.js';

// A server without Twilio, Slack or SMTP settings: only the web chat can reach anyone.
let env: TestEnv;
let withEmail: TestEnv;
let smtp: Awaited<ReturnType<typeof startSmtpRecorder>>;

beforeAll(async () => {
  smtp = await startSmtpRecorder();
  env = await createTestEnv();
  withEmail = await createTestEnv(
    {},
    { SMTP_URL: smtp.url, EMAIL_FROM: 'FocusForge <hello@focusforge.test>' },
  );
});
afterAll(async () => {
  await withEmail?.close();
  await env?.close();
  await smtp?.close();
});

describe('PATCH /me and channels that are not set up', () => {
  it.each([
    ['sms', /SMS \(text message\)/],
    ['slack', /Slack/],
    ['email', /email/i],
  ])('refuses preferredChannel "%s" with a clear message and changes nothing', async (channel, name) => {
    const user = await env.newUser('Ada');
    const res = await env.call(user, 'PATCH', '/api/v1/me', { preferredChannel: channel, tone: 'direct' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toMatch(name);
    expect(res.body.error.message).toMatch(/isn't set up on this server/);
    expect(res.body.error.message).toMatch(/available here: web chat\./); // what the person can pick instead
    const me = (await env.call(user, 'GET', '/api/v1/me')).body;
    expect(me.preferences).toMatchObject({ preferredChannel: 'web', tone: 'gentle' });
  });

  it('refuses an escalation to a channel that is not set up', async () => {
    const user = await env.newUser('Bo');
    const res = await env.call(user, 'PATCH', '/api/v1/me', {
      escalation: { channel: 'sms', afterMinutes: 30 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/SMS \(text message\)/);
  });

  it('refuses it through every way in, not only HTTP (the MCP tool calls the same use case)', async () => {
    const user = await env.newUser('Cy');
    await expect(
      updateProfile(env.domain, { userId: user.userId, via: 'mcp' }, { preferredChannel: 'slack' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('accepts web always, and email once SMTP is configured', async () => {
    const user = await env.newUser('Dee');
    expect((await env.call(user, 'PATCH', '/api/v1/me', { preferredChannel: 'web' })).status).toBe(200);
    const mailer = await withEmail.newUser('Eve');
    const res = await withEmail.call(mailer, 'PATCH', '/api/v1/me', { preferredChannel: 'email' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.preferences.preferredChannel).toBe('email');
  });

  it('accepts a channel once its adapter is registered (the registry decides)', async () => {
    withEmail.channels.register({ channel: 'sms', budget: { maxChars: 320, maxListItems: 3 } });
    const user = await withEmail.newUser('Fay');
    const res = await withEmail.call(user, 'PATCH', '/api/v1/me', { preferredChannel: 'sms' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });
});
