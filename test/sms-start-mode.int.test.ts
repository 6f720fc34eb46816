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

  it('answering a block\'s end by number: "1" completes that block, "2" starts another of the same length', async () => {
    const phone = '+14155550182';
    const user = await sms.person('Tam', phone, { preferredChannel: 'sms' });
    await sms.env.call(user, 'POST', '/api/v1/tasks', { title: 'Thesis intro' });

    await sms.text(phone, "let's do 15 minutes");
    await sms.textsTo(phone);
    const [first] = await eventually('a running block', async () => {
      const sessions = await sessionsOf(user.userId);
      return sessions.length > 0 && sessions;
    });
    expect(first!.plannedMinutes).toBe(15);
    await (await timerOf('focus_end', user.userId)).promote();
    await sms.textsTo(phone, 2);

    await sms.text(phone, '1');
    const [, , finished] = await sms.textsTo(phone, 3);
    expect(finished).not.toMatch(/which (?:task|one)/i); // "Done" is about the block, not a task
    await eventually('the block completed', async () =>
      (await sessionsOf(user.userId)).some((s) => s._id === first!._id && s.status === 'completed'),
    );
    const task = await sms.env.database.db.collection('tasks').findOne({ userId: user.userId });
    expect(task?.status).toBe('todo'); // the task stays open: "Done" was about the block

    // The block's end asks again for the next round.
    await sms.text(phone, "let's do 15 minutes");
    await sms.textsTo(phone, 4);
    await (await timerOf('focus_end', user.userId)).promote();
    await sms.textsTo(phone, 5);
    // Stand in for the 15 minutes: the block's time is really up when "Another round" is answered.
    await sms.env.database.db
      .collection<{ userId: string; status: string; startedAt: Date }>('focus_sessions')
      .updateOne(
        { userId: user.userId, status: 'active' },
        { $set: { startedAt: new Date(Date.now() - 16 * 60_000) } },
      );
    await sms.text(phone, '2');
    await sms.textsTo(phone, 6);
    const sessions = await eventually('another round running', async () => {
      const all = await sessionsOf(user.userId);
      return all.filter((s) => s.status === 'active').length === 1 && all.length === 3 && all;
    });
    expect(sessions.find((s) => s.status === 'active')?.plannedMinutes).toBe(15);
  });
});
