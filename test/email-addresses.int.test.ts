import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEnv, TestUser } from './support/test-env.js';
import { createJobsTestEnv, eventually, inboxOf, inSeconds } from './support/jobs-env.js';
import { startSmtpRecorder, type ReceivedMail } from './support/smtp-recorder.js';

// Issue 22, email: an address is added, proven with a code mailed to it, and only then used; every other mail
// carries a one-click unsubscribe; a recipient the SMTP server refuses stops getting mail.

let env: TestEnv;
let smtp: Awaited<ReturnType<typeof startSmtpRecorder>>;

beforeAll(async () => {
  smtp = await startSmtpRecorder();
  env = await createJobsTestEnv(
    {},
    {
      SMTP_URL: smtp.url,
      EMAIL_FROM: 'FocusForge <hello@focusforge.test>',
      PUBLIC_URL: 'https://ff.example.org',
    },
  );
  await env.jobs.start();
});
afterAll(async () => {
  await env?.close();
  await smtp?.close();
});

/** Unfolds header lines and quoted-printable soft breaks so assertions can read the mail. */
const decoded = (raw: string) =>
  raw
    .replace(/\r?\n[ \t]+/g, ' ')
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
const header = (mail: ReceivedMail, name: string) =>
  new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(decoded(mail.raw.split(/\r?\n\r?\n/)[0]!))?.[1]?.trim();
const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));
const codeIn = (mail: ReceivedMail) => /Your code is (\d{6})\b/.exec(decoded(mail.raw))?.[1];

/** Asks for a code and returns it as read from the recorded mail. */
const requestCode = async (user: TestUser, address: string) => {
  const before = mailsTo(address.toLowerCase()).length;
  const res = await env.call(user, 'POST', '/api/v1/me/email', { address });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const mail = await eventually('the code mail', async () => mailsTo(address.toLowerCase())[before]);
  const code = codeIn(mail);
  expect(code).toMatch(/^\d{6}$/);
  return { mail, code: code!, body: res.body };
};

const verifiedPerson = async (name: string, address: string) => {
  const user = await env.newUser(name);
  const { code } = await requestCode(user, address);
  const res = await env.call(user, 'POST', '/api/v1/me/email/verify', { code });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  await env.call(user, 'PATCH', '/api/v1/me', { quietHours: null, preferredChannel: 'email' });
  return user;
};

const emailIdentities = async (user: TestUser) =>
  (
    (await env.call(user, 'GET', '/api/v1/me/identities')).body.items as {
      channel: string;
      address: string;
    }[]
  )
    .filter((i) => i.channel === 'email')
    .map((i) => i.address);

describe('adding an email address', () => {
  it('mails a six-digit code, and the address is used only once the code comes back', async () => {
    const user = await env.newUser('Ana');
    const { mail, code, body } = await requestCode(user, 'Ana@Example.com');
    expect(body).toMatchObject({ address: null, pending: { address: 'ana@example.com' } });
    expect(decoded(mail.raw)).toMatch(/Subject: .*code/i);
    expect(header(mail, 'List-Unsubscribe')).toBeUndefined(); // a code is not a newsletter
    expect(await emailIdentities(user)).toEqual([]); // unverified: not a way to reach Ana yet
    // the code is stored hashed, never as sent
    const stored = await env.database.db.collection('email_verifications').findOne({ userId: user.userId });
    expect(JSON.stringify(stored)).not.toContain(code);

    const res = await env.call(user, 'POST', '/api/v1/me/email/verify', { code });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ address: 'ana@example.com', pending: null, bouncing: false });
    expect(await emailIdentities(user)).toEqual(['ana@example.com']);
    // a code works once
    expect((await env.call(user, 'POST', '/api/v1/me/email/verify', { code })).status).toBe(400);
  });

  it('refuses a wrong code, then every code after five wrong tries', async () => {
    const user = await env.newUser('Ben');
    const { code } = await requestCode(user, 'ben@example.com');
    const wrong = code === '000000' ? '111111' : '000000';
    const first = await env.call(user, 'POST', '/api/v1/me/email/verify', { code: wrong });
    expect(first.status).toBe(400);
    expect(first.body.error.message).toMatch(/doesn't match/);
    for (let i = 0; i < 4; i++) await env.call(user, 'POST', '/api/v1/me/email/verify', { code: wrong });
    const locked = await env.call(user, 'POST', '/api/v1/me/email/verify', { code });
    expect(locked.status).toBe(429);
    expect(locked.body.error.message).toMatch(/new code/);
    expect(await emailIdentities(user)).toEqual([]);
  });

  it('refuses an expired code', async () => {
    const user = await env.newUser('Cleo');
    const { code } = await requestCode(user, 'cleo@example.com');
    await env.database.db
      .collection('email_verifications')
      .updateOne({ userId: user.userId }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await env.call(user, 'POST', '/api/v1/me/email/verify', { code });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/expired/);
    expect(await emailIdentities(user)).toEqual([]);
  });

  it('replaces the pending address when a new one is given (the old code stops working)', async () => {
    const user = await env.newUser('Dev');
    const old = await requestCode(user, 'dev-old@example.com');
    const fresh = await requestCode(user, 'dev@example.com');
    if (old.code !== fresh.code)
      expect((await env.call(user, 'POST', '/api/v1/me/email/verify', { code: old.code })).status).toBe(400);
    const res = await env.call(user, 'POST', '/api/v1/me/email/verify', { code: fresh.code });
    expect(res.body.address).toBe('dev@example.com');
  });

  it('refuses an address another person verified, without saying who', async () => {
    await verifiedPerson('Eli', 'eli@example.com');
    const other = await env.newUser('Fin');
    const before = mailsTo('eli@example.com').length;
    const res = await env.call(other, 'POST', '/api/v1/me/email', { address: 'ELI@example.com' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).not.toMatch(/Eli/);
    expect(mailsTo('eli@example.com')).toHaveLength(before);
  });

  it('limits how many codes a person can ask for', async () => {
    const user = await env.newUser('Gus');
    for (let i = 0; i < 5; i++) await requestCode(user, `gus${i}@example.com`);
    const res = await env.call(user, 'POST', '/api/v1/me/email', { address: 'gus9@example.com' });
    expect(res.status).toBe(429);
    expect(mailsTo('gus9@example.com')).toHaveLength(0);
  });

  it('removes the address and stops email with DELETE /me/email', async () => {
    const user = await verifiedPerson('Hal', 'hal@example.com');
    const res = await env.call(user, 'DELETE', '/api/v1/me/email');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ address: null, pending: null });
    expect(await emailIdentities(user)).toEqual([]);
    expect((await env.call(user, 'GET', '/api/v1/me')).body.preferences.preferredChannel).toBe('web');
  });
});

describe('delivery, unsubscribe and bounces', () => {
  it('sends a reminder by email after verification, with a one-click unsubscribe that works without login', async () => {
    const user = await verifiedPerson('Ivy', 'ivy@example.com');
    await env.call(user, 'PATCH', '/api/v1/me', { escalation: { channel: 'email', afterMinutes: 30 } });
    await env.call(user, 'POST', '/api/v1/tasks', {
      title: 'Call the bank',
      dueAt: inSeconds(1),
      reminders: [0],
    });
    const mail = await eventually('the reminder mail', async () =>
      mailsTo('ivy@example.com').find((m) => decoded(m.raw).includes('Call the bank')),
    );
    expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const url = /<(https:\/\/[^>]+)>/.exec(header(mail, 'List-Unsubscribe') ?? '')?.[1];
    expect(url).toMatch(/^https:\/\/ff\.example\.org\//);
    const path = new URL(url!).pathname + new URL(url!).search;
    expect(path).not.toContain(user.userId); // nothing guessable: a signed token

    const page = await env.app.request(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<form method="post"/);
    expect((await env.call(user, 'GET', '/api/v1/me')).body.preferences.preferredChannel).toBe('email');

    const forged = await env.app.request(path.slice(0, -3) + 'AAA', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(forged.status).toBe(404);
    const done = await env.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(done.status).toBe(200);
    const prefs = (await env.call(user, 'GET', '/api/v1/me')).body.preferences;
    expect(prefs.preferredChannel).toBe('web');
    expect(prefs.escalation).toBeNull();
  });

  it('stops mailing a recipient the server refuses with 550, tells the person once, and keeps reminders coming in the inbox', async () => {
    const user = await verifiedPerson('Jo', 'jo@example.com');
    smtp.refuse.set('jo@example.com', 550);
    await env.call(user, 'POST', '/api/v1/tasks', {
      title: 'Water plants',
      dueAt: inSeconds(1),
      reminders: [0],
    });
    const inbox = await eventually('the reminder in the inbox', async () => {
      const items = await inboxOf(env, user);
      return items.some((i) => i.text.includes('Water plants')) && items;
    });
    expect(inbox.filter((i) => /bounc|refus/i.test(i.text))).toHaveLength(1);
    expect((await env.call(user, 'GET', '/api/v1/me/email')).body).toMatchObject({ bouncing: true });
    const attempts = smtp.rcptAttempts.filter((a) => a === 'jo@example.com').length;

    await env.call(user, 'POST', '/api/v1/tasks', { title: 'Feed cat', dueAt: inSeconds(1), reminders: [0] });
    const later = await eventually('the second reminder in the inbox', async () => {
      const items = await inboxOf(env, user);
      return items.some((i) => i.text.includes('Feed cat')) && items;
    });
    expect(smtp.rcptAttempts.filter((a) => a === 'jo@example.com')).toHaveLength(attempts); // not tried again
    expect(later.filter((i) => /bounc|refus/i.test(i.text))).toHaveLength(1); // told once
  });

  it('retries a recipient the server defers with 451, and the mail arrives', async () => {
    const user = await verifiedPerson('Kim', 'kim@example.com');
    smtp.refuse.set('kim@example.com', 451);
    await env.call(user, 'POST', '/api/v1/tasks', {
      title: 'Book dentist',
      dueAt: inSeconds(1),
      reminders: [0],
    });
    await eventually('a refused attempt', async () => smtp.rcptAttempts.includes('kim@example.com'));
    const refused = smtp.rcptAttempts.filter((a) => a === 'kim@example.com').length;
    smtp.refuse.delete('kim@example.com');
    await eventually('the reminder mail after a retry', async () =>
      mailsTo('kim@example.com').find((m) => decoded(m.raw).includes('Book dentist')),
    );
    expect(refused).toBeGreaterThanOrEqual(1);
    expect((await env.call(user, 'GET', '/api/v1/me/email')).body.bouncing).toBe(false);
  });
});

describe('by chat (web chat, basic mode: the planner every channel uses)', () => {
  const post = (path: string, body: unknown, token?: string) =>
    env.app.request(path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
  let turn = 0;
  const newChat = async () => {
    const { token } = (await (await post('/chat/session', { timezone: 'UTC' })).json()) as { token: string };
    const userId = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { uid: string })
      .uid;
    const say = async (text: string) => {
      const res = await post('/chat/messages', { messageId: `m-${++turn}`, message: { text } }, token);
      expect(res.status).toBe(200);
      return (await res.text())
        .split('\n\n')
        .map((block) => block.replace(/^data: /, ''))
        .filter((d) => d.startsWith('{'))
        .map((d) => JSON.parse(d) as { type: string; delta?: string })
        .filter((c) => c.type === 'text-delta')
        .map((c) => c.delta)
        .join('');
    };
    return { say, userId };
  };
  const identitiesOf = async (userId: string) =>
    env.database.db.collection('identities').find({ userId, channel: 'email' }).toArray();
  const prefsOf = async (userId: string) =>
    (await env.database.db.collection('users').findOne({ _id: userId as never }))?.preferences as {
      preferredChannel: string;
    };

  it('"my email is …" mails a code and "verify CODE" makes it the address reminders use', async () => {
    const { say, userId } = await newChat();
    const asked = await say('send my reminders by email, my email is Zoe@Example.com');
    expect(asked).toMatch(/sent a 6-digit code to zoe@example\.com/);
    const mail = await eventually('the code mail', async () => mailsTo('zoe@example.com')[0]);
    expect(await identitiesOf(userId)).toHaveLength(0);
    expect((await prefsOf(userId)).preferredChannel).toBe('email'); // asked for; used once verified

    const wrong = await say(`verify ${codeIn(mail) === '123456' ? '654321' : '123456'}`);
    expect(wrong).toMatch(/doesn't match/);
    const done = await say(`my code is ${codeIn(mail)}`);
    expect(done).toMatch(/Verified/);
    expect((await identitiesOf(userId)).map((i) => i.address)).toEqual(['zoe@example.com']);
  });

  it('asks for the address when email is wanted but none is known', async () => {
    const { say, userId } = await newChat();
    const reply = await say('can you send my reminders by email?');
    expect(reply).toMatch(/my email is/);
    expect((await prefsOf(userId)).preferredChannel).toBe('email');
  });
});
