import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkCode, resolveIdentity } from '../src/domain/identities/index.js';
import { createSmsStore } from '../src/channels/sms/sms-store.js';
import { newMessageSid, signedForm } from './support/fake-twilio.js';
import { eventually } from './support/jobs-env.js';
import { createSmsTestEnv, OUR_NUMBER, STATUS_URL, WEBHOOK_URL, type SmsTestEnv } from './support/sms-env.js';

let sms: SmsTestEnv;
beforeAll(async () => {
  sms = await createSmsTestEnv();
});
afterAll(async () => {
  await sms?.close();
});

const inboundEvents = () => sms.env.database.db.collection('inbound_events').countDocuments();
const params = (from: string, body: string, sid = newMessageSid()): [string, string][] => [
  ['MessageSid', sid],
  ['AccountSid', sms.fake.accountSid],
  ['From', from],
  ['To', OUR_NUMBER],
  ['Body', body],
  ['NumMedia', '0'],
];

describe('the Twilio webhook', () => {
  it('refuses a bad or missing signature with 403 and stores nothing', async () => {
    await sms.person('Ada', '+14155550111');
    const before = await inboundEvents();
    const forged = signedForm('not-the-auth-token', WEBHOOK_URL, params('+14155550111', 'add taxes'));
    const bad = await sms.env.app.request(WEBHOOK_URL, { method: 'POST', ...forged });
    expect(bad.status).toBe(403);
    const { 'x-twilio-signature': _, ...unsigned } = forged.headers;
    const missing = await sms.env.app.request(WEBHOOK_URL, {
      method: 'POST',
      body: forged.body,
      headers: unsigned,
    });
    expect(missing.status).toBe(403);
    await sleep(300);
    expect(await inboundEvents()).toBe(before);
    expect(sms.fake.sent.filter((m) => m.to === '+14155550111')).toHaveLength(0);
  });

  it('checks the signature over PUBLIC_URL, not the Host a proxy rewrote', async () => {
    await sms.person('Bo', '+14155550112');
    const behindProxy = 'http://10.0.0.7:3000/webhooks/twilio/sms';
    // Twilio signed the public URL; the request reaches us under the proxy's internal address.
    const ok = await sms.post(WEBHOOK_URL, params('+14155550112', 'hello'), behindProxy);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/xml');
    expect(await ok.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    // Signed over the address the request arrived at: not what Twilio was configured with.
    const hostBased = await sms.post(behindProxy, params('+14155550112', 'hello'), behindProxy);
    expect(hostBased.status).toBe(403);
  });

  it('signs every parameter, repeated ones and ones Twilio adds later included', async () => {
    await sms.person('Cy', '+14155550113');
    const withExtras: [string, string][] = [
      ...params('+14155550113', 'hi there'),
      ['AddOns', '{"status":"successful"}'],
      ['SmsStatus', 'received'],
      ['FutureField', 'b'],
      ['FutureField', 'a'],
    ];
    expect((await sms.post(WEBHOOK_URL, withExtras)).status).toBe(200);
    // The same signature with one repeated value dropped does not verify.
    const signed = signedForm(sms.fake.authToken, WEBHOOK_URL, withExtras);
    const tampered = new URLSearchParams(withExtras.filter(([k, v]) => !(k === 'FutureField' && v === 'a')));
    const res = await sms.env.app.request(WEBHOOK_URL, {
      method: 'POST',
      body: tampered.toString(),
      headers: signed.headers,
    });
    expect(res.status).toBe(403);
  });

  it('answers one MessageSid once, retried or delivered to two requests at once', async () => {
    await sms.person('Dee', '+14155550114');
    const sid = newMessageSid();
    const first = await Promise.all([
      sms.text('+14155550114', 'add water the plants', [], sid),
      sms.text('+14155550114', 'add water the plants', [], sid),
    ]);
    expect(first.map((r) => r.status)).toEqual([200, 200]);
    const [reply] = await sms.textsTo('+14155550114');
    expect(reply).toMatch(/water the plants/i);
    expect((await sms.text('+14155550114', 'add water the plants', [], sid)).status).toBe(200); // Twilio retries
    await sleep(1_500);
    expect(sms.fake.sent.filter((m) => m.to === '+14155550114')).toHaveLength(1);
    const tasks = (
      await sms.env.database.db
        .collection('tasks')
        .find({ title: /water the plants/i })
        .toArray()
    ).length;
    expect(tasks).toBe(1);
  });
});

describe('opt-out and help', () => {
  it('HELP says what FocusForge is and how to stop', async () => {
    await sms.text('+14155550120', 'HELP');
    const [help] = await sms.textsTo('+14155550120');
    expect(help).toContain('FocusForge');
    expect(help).toContain('STOP');
  });

  it('STOP (or OptOutType) silences the number until START; reminders fall back to the web inbox', async () => {
    const user = await sms.person('Eve', '+14155550121', { preferredChannel: 'sms' });
    await sms.text('+14155550121', 'Stop');
    await sms.text('+14155550121', 'please no more', [['OptOutType', 'STOP']]);
    const due = new Date(Date.now() + 1_000).toISOString();
    await sms.env.call(user, 'POST', '/api/v1/tasks', { title: 'Feed the cat', dueAt: due, reminders: [0] });
    const inbox = await eventually('the reminder in the web inbox', async () => {
      const items = (await sms.env.call(user, 'GET', '/api/v1/inbox')).body.items as { title: string }[];
      return items.length > 0 ? items : null;
    });
    expect(inbox[0]!.title).toContain('Feed the cat');
    await sleep(500);
    expect(sms.fake.sent.filter((m) => m.to === '+14155550121')).toHaveLength(0);

    await sms.text('+14155550121', 'START');
    await sms.text('+14155550121', 'add call the vet');
    const [reply] = await sms.textsTo('+14155550121');
    expect(reply).toMatch(/call the vet/i);
  });

  it('error 21610 from Twilio marks the number opted out and stops the reply job', async () => {
    await sms.person('Fay', '+14155550122');
    sms.fake.block('+14155550122');
    await sms.text('+14155550122', 'add renew passport');
    await eventually('the refused send', async () => sms.fake.refused.some((m) => m.to === '+14155550122'));
    const optedOut = await eventually('the opt-out record', async () =>
      sms.env.database.db.collection('sms_numbers').findOne({ _id: '+14155550122' as never, optedOut: true }),
    );
    expect(optedOut).toBeTruthy();
    await sleep(2_500);
    expect(sms.fake.refused.filter((m) => m.to === '+14155550122')).toHaveLength(1); // not retried
  });
});

describe('unknown numbers and linking', () => {
  it('explains how to link, then `link CODE` links the number', async () => {
    await sms.text('+14155550130', 'hi who is this');
    const [how] = await sms.textsTo('+14155550130');
    expect(how).toMatch(/link/i);
    expect(await resolveIdentity(sms.env.domain, 'sms', '+14155550130')).toBeNull();

    const owner = await sms.env.newUser('Gus');
    const { code } = await createLinkCode(sms.env.domain, { userId: owner.userId, via: 'api' });
    await sms.text('+14155550130', `link ${code}`);
    const texts = await sms.textsTo('+14155550130', 2);
    expect(texts[1]).toMatch(/Linked/);
    expect(await resolveIdentity(sms.env.domain, 'sms', '+14155550130')).toBe(owner.userId);
  });

  it('never texts an API token: it points to the web chat and makes none', async () => {
    const user = await sms.person('Ivy', '+14155550131');
    await sms.text('+14155550131', 'give me a token for Claude');
    const [answer] = await sms.textsTo('+14155550131');
    expect(answer).toMatch(/web chat/);
    expect(answer).not.toMatch(/ff_/);
    const tokens = await sms.env.call(user, 'GET', '/api/v1/me/tokens');
    expect(tokens.body.items.map((t: { name: string }) => t.name)).not.toContain('Claude');
  });
});

describe('short answers', () => {
  it('a bare "1" answers the last question, and MORE pages a long list', async () => {
    const user = await sms.person('Hal', '+14155550140');
    for (const title of ['Taxes', 'Laundry', 'Dentist', 'Plants', 'Email Sam']) {
      await sms.env.call(user, 'POST', '/api/v1/tasks', { title });
    }
    await sms.text('+14155550140', 'what should I do now?');
    const [suggestion] = await sms.textsTo('+14155550140');
    expect(suggestion).toMatch(/Reply 1 for start it/);
    await sms.text('+14155550140', '1');
    const [, started] = await sms.textsTo('+14155550140', 2);
    expect(started).toMatch(/first step/i);
    expect(started).toMatch(/Reply 1 when you've started/);

    await sms.text('+14155550140', 'show my tasks');
    const [, , list] = await sms.textsTo('+14155550140', 3);
    expect(list).toMatch(/reply MORE/);
    expect(list!.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(3);
    await sms.text('+14155550140', 'more');
    const [, , , more] = await sms.textsTo('+14155550140', 4);
    expect(more!.split('\n').filter((l) => l.startsWith('- ')).length).toBeGreaterThanOrEqual(1);
  });
});

describe('delivery status callbacks', () => {
  it('end in the furthest state whatever order they arrive in, and need a signature', async () => {
    await sms.person('Ivy', '+14155550150');
    await sms.text('+14155550150', 'add book flights');
    await sms.textsTo('+14155550150');
    const sid = sms.fake.sent.find((m) => m.to === '+14155550150')!.sid;
    const status = (s: string): [string, string][] => [
      ['MessageSid', sid],
      ['MessageStatus', s],
      ['To', '+14155550150'],
      ['AccountSid', sms.fake.accountSid],
    ];
    const forged = signedForm('wrong', STATUS_URL, status('failed'));
    expect((await sms.env.app.request(STATUS_URL, { method: 'POST', ...forged })).status).toBe(403);
    for (const s of ['delivered', 'sent', 'queued', 'undelivered']) {
      expect((await sms.post(STATUS_URL, status(s))).status).toBe(204);
    }
    const message = await sms.env.database.db.collection('sms_messages').findOne({ _id: sid as never });
    expect(message?.status).toBe('delivered');
  });

  it('a callback that races our own record of the send still moves it forward', async () => {
    // Our "queued" record is written as Twilio's answer returns, and a fast "delivered" can
    // arrive at the same moment. Whichever insert wins, the furthest status must stay.
    const store = createSmsStore(sms.env.database.db);
    const now = new Date();
    const sids = Array.from({ length: 60 }, () => newMessageSid());
    await Promise.all(
      sids.flatMap((sid) => [
        store.advance(sid, '+14155550151', 'delivered', now),
        store.recordMessage(sid, '+14155550151', null, 'queued', now),
      ]),
    );
    const statuses = await sms.env.database.db
      .collection('sms_messages')
      .find({ _id: { $in: sids as never[] } })
      .map((m) => m.status as string)
      .toArray();
    expect(statuses).toEqual(sids.map(() => 'delivered'));
    // Recorded after the callback, the send learns the status to pass on to its notification.
    expect(await store.recordMessage(sids[0]!, '+14155550151', 'notification-1', 'queued', now)).toBe(
      'delivered',
    );
  });
});
