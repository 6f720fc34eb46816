import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAdminRole } from '../src/domain/admin/index.js';
import { createSmsTestEnv, type SmsTestEnv } from './support/sms-env.js';

// A disabled person who texts the assistant is told why nothing happens, through the real Twilio webhook, the
// inbound queue and the SMS sender (issue 22); enabled again, they are answered as before.

let sms: SmsTestEnv;
beforeAll(async () => {
  sms = await createSmsTestEnv();
});
afterAll(async () => {
  await sms?.close();
});

describe('a disabled person texting', () => {
  it('gets a clear message instead of a turn, and nothing is changed; enabled, they are answered', async () => {
    const phone = '+14155550177';
    const jo = await sms.person('Jo', phone, { preferredChannel: 'sms' });
    const admin = await sms.env.newUser('Admin');
    await setAdminRole(
      sms.env.domain,
      { userId: admin.userId, via: 'cli' },
      { userId: admin.userId, isAdmin: true },
    );
    expect((await sms.env.call(admin, 'POST', `/api/v1/admin/users/${jo.userId}/disable`)).status).toBe(200);

    expect((await sms.text(phone, 'add task: buy milk')).status).toBe(200);
    const [refused] = await sms.textsTo(phone);
    expect(refused).toMatch(/disabled/);
    expect(await sms.env.database.db.collection('tasks').countDocuments({ userId: jo.userId })).toBe(0);

    expect((await sms.env.call(admin, 'POST', `/api/v1/admin/users/${jo.userId}/enable`)).status).toBe(200);
    await sms.text(phone, 'add task: buy bread');
    const [, answered] = await sms.textsTo(phone, 2);
    expect(answered).not.toMatch(/disabled/);
    expect(answered).toMatch(/bread/i);
  });
});
