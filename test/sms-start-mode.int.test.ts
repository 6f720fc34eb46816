import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/jobs-env.js';
import { createSmsTestEnv, type SmsTestEnv } from './support/sms-env.js';

// Start mode and the body-double loop by text alone: the timed messages (the check-back after the first step, the
// end of a focus block) reach the person as texts, and a bare number answers them.

let sms: SmsTestEnv;
beforeAll(async () => {
  sms = await createSmsTestEnv();
});
afterAll(async () => {
  await sms?.close();
});

/** The delayed timer job of `type` for this person (its time is brought forward rather than waited for). */
const timerOf = (type: string, userId: string) =>
  eventually(`a delayed ${type} job`, async () => {
    const jobs = await sms.env.jobs.queues.reminders.getJobs(['delayed']);
    return jobs.find((j) => j.data.type === type && j.data.userId === userId);
  });

const sessionsOf = (userId: string) =>
  sms.env.database.db
    .collection<{ _id: string; status: string; label: string | null; plannedMinutes: number }>(
      'focus_sessions',
    )
    .find({ userId })
    .toArray();

describe('start mode by text message', () => {
  it('"start taxes": the first step, then the check-back arrives as a text, and "2" asks for a smaller step', async () => {
    const phone = '+14155550180';
    const user = await sms.person('Rae', phone, { preferredChannel: 'sms' });
    await sms.env.call(user, 'POST', '/api/v1/tasks', { title: 'Do taxes' });

    await sms.text(phone, 'start taxes');
    const [first] = await sms.textsTo(phone);
    expect(first).toMatch(/first step/i);
    expect(first).toMatch(/Reply 1 when you've started/);

    const checkback = await timerOf('checkback', user.userId);
    expect(checkback.delay).toBeGreaterThanOrEqual(60_000); // minutes away, not now
    await checkback.promote();
    const [, asked] = await sms.textsTo(phone, 2);
    expect(asked).toMatch(/How's the first step of "Do taxes" going\?/);
    expect(asked).toMatch(/Reply 1 for done, 2 for smaller step\.$/);

    await sms.text(phone, '2');
    const [, , smaller] = await sms.textsTo(phone, 3);
    expect(smaller).toMatch(/taxes/i);
    const log = (await sms.env.call(user, 'GET', '/api/v1/notifications')).body.items;
    expect(log).toMatchObject([{ channel: 'sms', status: 'sent', kind: 'start_checkback' }]);
  });

  it('a body double by text: the block starts, and its end arrives as a text with numbered answers', async () => {
    const phone = '+14155550181';
    const user = await sms.person('Sol', phone, { preferredChannel: 'sms' });

    await sms.text(phone, 'body double me for 25 minutes on the thesis');
    const [startedText] = await sms.textsTo(phone);
    expect(startedText).toMatch(/25/);
    const [session] = await eventually('a running focus block', async () => {
      const sessions = await sessionsOf(user.userId);
      return sessions.length > 0 && sessions;
    });
    expect(session).toMatchObject({ status: 'active', plannedMinutes: 25 });

    const end = await timerOf('focus_end', user.userId);
    await end.promote(); // stand in for 25 minutes of focus
    const [, ended] = await sms.textsTo(phone, 2);
    expect(ended).toMatch(/Time!/);
    expect(ended).toMatch(/Reply 1 for done, 2 for another round\.$/);
  });
});
