import { describe, expect, it } from 'vitest';
import { fixedClock } from '../src/shared/clock.js';
import { useTestEnv, type TestUser } from './support/test-env.js';

const clock = fixedClock('2025-06-20T12:00:00Z');
const env = useTestEnv({ clock });

const logMood = (user: TestUser, body: Record<string, unknown>) =>
  env().call(user, 'POST', '/api/v1/mood', body);

/** A completed task in the ledger at the clock's current time, as the tasks module records it. */
let counter = 0;
const completeTaskAt = async (user: TestUser, at: string) => {
  clock.set(at);
  await env().domain.ledger.award(user.userId, {
    key: `task_completed:task_${++counter}`,
    reason: 'task_completed',
    points: 5,
  });
};

describe('logging mood', () => {
  it('logs mood and energy now by default, with a trimmed note and tidy tags', async () => {
    clock.set('2025-06-20T12:00:00Z');
    const user = await env().newUser();
    const res = await logMood(user, {
      mood: 4,
      energy: 2,
      note: '  tired but ok ',
      tags: ['Slept Badly', 'slept badly', 'Coffee'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      mood: 4,
      energy: 2,
      note: 'tired but ok',
      tags: ['slept badly', 'coffee'],
      at: '2025-06-20T12:00:00.000Z',
    });
    const audit = await env().domain.audit.list(user.userId);
    expect(audit.some((a) => a.action === 'mood.logged' && a.entityId === res.body.id)).toBe(true);
  });

  it('accepts a past time with an offset and rejects the future and bad values', async () => {
    clock.set('2025-06-20T12:00:00Z');
    const user = await env().newUser();
    const past = await logMood(user, { mood: 3, energy: 3, at: '2025-06-20T09:30:00+02:00' });
    expect(past.status).toBe(201);
    expect(past.body.at).toBe('2025-06-20T07:30:00.000Z');

    const cases = [
      { mood: 3, energy: 3, at: '2025-06-21T12:00:00Z' },
      { mood: 0, energy: 3 },
      { mood: 6, energy: 3 },
      { mood: 3, energy: 2.5 },
      { mood: 3 },
      { mood: 3, energy: 3, note: 'x'.repeat(1001) },
      { mood: 3, energy: 3, at: 'yesterday' },
    ];
    for (const body of cases) {
      const res = await logMood(user, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await env().call(user, 'GET', '/api/v1/mood')).body.items).toHaveLength(1);
  });

  it('lists history newest first within a range, with a bounded limit', async () => {
    const user = await env().newUser();
    clock.set('2025-06-20T12:00:00Z');
    for (const [day, mood] of [
      ['10', 1],
      ['12', 2],
      ['14', 3],
      ['16', 4],
    ] as const) {
      await logMood(user, { mood, energy: 3, at: `2025-06-${day}T08:00:00Z` });
    }
    const all = (await env().call(user, 'GET', '/api/v1/mood')).body.items;
    expect(all.map((m: { mood: number }) => m.mood)).toEqual([4, 3, 2, 1]);
    const ranged = await env().call(
      user,
      'GET',
      '/api/v1/mood?from=2025-06-11T00:00:00Z&to=2025-06-15T00:00:00Z',
    );
    expect(ranged.body.items.map((m: { mood: number }) => m.mood)).toEqual([3, 2]);
    expect((await env().call(user, 'GET', '/api/v1/mood?limit=2')).body.items).toHaveLength(2);
    expect((await env().call(user, 'GET', '/api/v1/mood?limit=1000')).status).toBe(400);
    expect(
      (await env().call(user, 'GET', '/api/v1/mood?from=2025-06-15T00:00:00Z&to=2025-06-11T00:00:00Z'))
        .status,
    ).toBe(400);
  });
});

describe('mood patterns', () => {
  it("averages by weekday and time of day in the person's time zone, and against completed tasks", async () => {
    const user = await env().newUser('Kenji', 'Asia/Tokyo'); // UTC+9
    clock.set('2025-06-20T12:00:00Z');
    // Mon 2025-06-16, 08:00 Tokyo = 2025-06-15T23:00Z (a Sunday night in UTC)
    await logMood(user, { mood: 5, energy: 5, at: '2025-06-15T23:00:00Z' });
    await logMood(user, { mood: 3, energy: 4, at: '2025-06-16T00:30:00Z' }); // Mon 09:30 Tokyo
    await logMood(user, { mood: 2, energy: 1, at: '2025-06-17T13:00:00Z' }); // Tue 22:00 Tokyo (night)
    await logMood(user, { mood: 2, energy: 2, at: '2025-06-18T09:00:00Z' }); // Wed 18:00 Tokyo (evening)
    await logMood(user, { mood: 1, energy: 1, at: '2025-01-01T09:00:00Z' }); // outside the 90-day window

    await completeTaskAt(user, '2025-06-16T03:00:00Z'); // Mon 12:00 Tokyo
    await completeTaskAt(user, '2025-06-16T05:00:00Z'); // Mon 14:00 Tokyo
    await completeTaskAt(user, '2025-06-18T16:00:00Z'); // Thu 01:00 Tokyo: a day without a mood log
    await env().domain.ledger.award(user.userId, {
      key: 'focus_completed:f1',
      reason: 'focus_completed',
      points: 5,
    }); // not a task

    clock.set('2025-06-20T12:00:00Z');
    const res = await env().call(user, 'GET', '/api/v1/mood/patterns');
    expect(res.status).toBe(200);
    const p = res.body;
    expect(p.timezone).toBe('Asia/Tokyo');
    expect(p.overall).toEqual({ count: 4, averageMood: 3, averageEnergy: 3 });
    expect(p.byWeekday.find((d: { weekday: string }) => d.weekday === 'monday')).toEqual({
      weekday: 'monday',
      count: 2,
      averageMood: 4,
      averageEnergy: 4.5,
    });
    expect(p.byWeekday.find((d: { weekday: string }) => d.weekday === 'sunday')).toMatchObject({
      count: 0,
      averageMood: null,
    });
    expect(p.byTimeOfDay.find((t: { timeOfDay: string }) => t.timeOfDay === 'morning')).toMatchObject({
      count: 2,
      averageMood: 4,
    });
    expect(p.byTimeOfDay.find((t: { timeOfDay: string }) => t.timeOfDay === 'night')).toMatchObject({
      count: 1,
      averageMood: 2,
    });
    expect(p.completions.total).toBe(3);
    expect(p.completions.daysWithCompletions).toEqual({ count: 1, averageMood: 4, averageEnergy: 4.5 });
    expect(p.completions.daysWithoutCompletions).toEqual({ count: 2, averageMood: 2, averageEnergy: 1.5 });
    expect(p.completions.byMoodLevel.find((l: { mood: number }) => l.mood === 4)).toEqual({
      mood: 4,
      days: 1,
      completions: 2,
      averageCompletions: 2,
    });

    const wide = (await env().call(user, 'GET', '/api/v1/mood/patterns?days=365')).body;
    expect(wide.overall.count).toBe(5);
    expect((await env().call(user, 'GET', '/api/v1/mood/patterns?days=5000')).status).toBe(400);
  });
});

describe('mood privacy', () => {
  it("never shows one person's mood to another", async () => {
    clock.set('2025-06-20T12:00:00Z');
    const alice = await env().newUser('Alice');
    const bob = await env().newUser('Bob');
    const logged = await logMood(alice, { mood: 1, energy: 1, note: 'rough day', tags: ['private'] });
    expect(logged.status).toBe(201);

    expect((await env().call(bob, 'GET', '/api/v1/mood')).body.items).toEqual([]);
    expect((await env().call(bob, 'GET', '/api/v1/mood/patterns')).body.overall.count).toBe(0);
    const aliceItems = (await env().call(alice, 'GET', '/api/v1/mood')).body.items;
    expect(aliceItems).toEqual([logged.body]);
    expect((await env().call(null, 'GET', '/api/v1/mood')).status).toBe(401);
  });
});
