import { describe, expect, it } from 'vitest';
import { celebrateCompletion } from '../src/domain/gamification/celebrate-completion.js';
import { fixedClock } from '../src/shared/clock.js';
import { ledgerReads } from './support/ledger-reads.js';
import { useTestEnv, type TestUser } from './support/test-env.js';

const clock = fixedClock('2025-06-01T16:00:00Z');
const env = useTestEnv({ clock });

let counter = 0;
/** Finishes "a task" now, through the same use case the tasks module calls. */
const complete = (user: TestUser, points = 5) =>
  celebrateCompletion(
    env().domain,
    { userId: user.userId, via: 'system' },
    {
      key: `task_completed:t${++counter}`,
      reason: 'task_completed',
      refId: `t${counter}`,
      points,
      completedAt: clock.now(),
    },
  );

const { ledgerOf, cachedBalance } = ledgerReads(env);

describe('points over HTTP', () => {
  it('starts a new person at zero points and level 1', async () => {
    clock.set('2025-06-01T16:00:00Z');
    const user = await env().newUser();
    const res = await env().call(user, 'GET', '/api/v1/points');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      balance: 0,
      lifetimePoints: 0,
      level: 1,
      nextLevelAt: 50,
      pointsToNextLevel: 50,
      history: [],
    });
  });

  it('shows balance, level progress and recent history, newest first, and awards a key only once', async () => {
    clock.set('2025-06-01T16:00:00Z');
    const user = await env().newUser();
    const first = await complete(user, 30);
    expect(first).toMatchObject({ isNew: true, pointsAwarded: 30, balance: 30, level: 1 });
    const again = await celebrateCompletion(
      env().domain,
      { userId: user.userId, via: 'system' },
      {
        key: `task_completed:t${counter}`,
        reason: 'task_completed',
        refId: 'again',
        points: 30,
        completedAt: clock.now(),
      },
    );
    expect(again).toMatchObject({ isNew: false, pointsAwarded: 0, balance: 30 });
    await complete(user, 25);
    const res = await env().call(user, 'GET', '/api/v1/points?limit=5');
    expect(res.body).toMatchObject({
      balance: 55,
      lifetimePoints: 55,
      level: 2,
      nextLevelAt: 200,
      pointsToNextLevel: 145,
    });
    expect(res.body.levelProgress).toBeCloseTo(5 / 150, 5);
    expect(res.body.history.map((e: { points: number }) => e.points)).toEqual([25, 30]);
    expect(res.body.history[0]).toMatchObject({
      reason: 'task_completed',
      label: 'Finished a task',
      balanceAfter: 55,
    });
    expect((await env().call(user, 'GET', '/api/v1/points?limit=0')).status).toBe(400);
  });

  it('keeps the ledger and the cached balance in agreement under concurrent completions', async () => {
    const user = await env().newUser();
    await Promise.all(Array.from({ length: 15 }, () => complete(user, 3)));
    const entries = await ledgerOf(user);
    const sum = entries.reduce((s, e) => s + e.points, 0);
    expect(sum).toBe(45);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    expect(await cachedBalance(user)).toBe(sum);
    expect((await env().call(user, 'GET', '/api/v1/points')).body.balance).toBe(sum);
  });
});

describe("streaks in the person's own calendar days", () => {
  it('counts local days, forgives a grace day, spends a freeze, and restarts kindly after a real break', async () => {
    const user = await env().newUser('Sam', 'America/Los_Angeles'); // UTC-7 in June
    const streak = async () => (await env().call(user, 'GET', '/api/v1/streak')).body;

    clock.set('2025-06-01T16:00:00Z'); // Jun 1, 09:00 local
    expect(await streak()).toMatchObject({ status: 'not_started', current: 0, today: '2025-06-01' });
    expect((await complete(user)).streak).toMatchObject({ current: 1, kind: 'started' });

    clock.set('2025-06-02T05:30:00Z'); // Jun 2 in UTC, still Jun 1 (22:30) in Los Angeles
    expect((await complete(user)).streak).toMatchObject({ current: 1, kind: 'same_day' });
    expect(await streak()).toMatchObject({
      status: 'done_today',
      current: 1,
      today: '2025-06-01',
      timezone: 'America/Los_Angeles',
    });

    clock.set('2025-06-02T18:00:00Z'); // Jun 2 local
    expect(await streak()).toMatchObject({ status: 'continues_today', current: 1 });
    expect((await complete(user)).streak.current).toBe(2);

    clock.set('2025-06-04T06:30:00Z'); // Jun 3, 23:30 local: UTC already says Jun 4
    const third = await complete(user);
    expect(third).toMatchObject({
      milestone: 3,
      milestoneBonus: 10,
      streak: { current: 3, kind: 'continued' },
    });
    expect(third.message).toContain('3-day milestone');

    // Jun 4 is missed; on Jun 5 the weekly grace day covers it without spending anything
    clock.set('2025-06-05T17:00:00Z');
    const graced = await complete(user);
    expect(graced.streak).toMatchObject({
      current: 4,
      kind: 'bridged',
      graceUsed: true,
      graceUsedOn: ['2025-06-04'],
      freezesUsed: 0,
    });
    expect(graced.message).toMatch(/grace day/i);

    for (const day of ['06', '07']) {
      clock.set(`2025-06-${day}T17:00:00Z`);
      await complete(user);
    }
    clock.set('2025-06-08T17:00:00Z');
    const week = await complete(user);
    expect(week).toMatchObject({
      milestone: 7,
      milestoneBonus: 25,
      streak: { current: 7, freezes: 1, freezeEarned: true },
    });

    // Jun 9 is missed; the grace day was used 5 days ago, so the freeze bridges it automatically
    clock.set('2025-06-10T17:00:00Z');
    expect(await streak()).toMatchObject({ status: 'continues_today', current: 7, freezes: 1 });
    const frozen = await complete(user);
    expect(frozen.streak).toMatchObject({
      current: 8,
      kind: 'bridged',
      graceUsed: false,
      freezesUsed: 1,
      freezes: 0,
    });
    expect(frozen.message).toMatch(/freeze/i);
    const before = (await env().call(user, 'GET', '/api/v1/points')).body.balance as number;

    // Jun 11-14 are missed: too long to bridge. The streak restarts at 1 and nothing is taken away.
    clock.set('2025-06-15T20:00:00Z');
    expect(await streak()).toMatchObject({ status: 'fresh_start', current: 0, longest: 8 });
    const back = await complete(user, 5);
    expect(back.streak).toMatchObject({ current: 1, longest: 8, kind: 'restarted', restarted: true });
    expect(back.comebackBonus).toBe(15);
    expect(back.message).toMatch(/welcome back/i);
    expect(back.message).not.toMatch(/lost|broke|fail/i);
    expect(back.balance).toBe(before + 5 + 15);

    const final = await streak();
    expect(final).toMatchObject({
      status: 'done_today',
      current: 1,
      longest: 8,
      activeDays: 9,
      lastActiveDay: '2025-06-15',
    });
    expect(final.recentlyBridged).toEqual([
      { day: '2025-06-04', by: 'grace' },
      { day: '2025-06-09', by: 'freeze' },
    ]);
    const entries = await ledgerOf(user);
    expect(entries.every((e) => e.points >= 0)).toBe(true);
    expect(entries.filter((e) => e.key.startsWith('streak_milestone:')).map((e) => e.points)).toEqual([
      10, 25,
    ]);
  });

  it('uses days that start earlier than UTC in time zones ahead of it', async () => {
    const user = await env().newUser('Aroha', 'Pacific/Auckland'); // UTC+12 in June
    clock.set('2025-06-01T11:00:00Z'); // Jun 1, 23:00 local
    await complete(user);
    clock.set('2025-06-01T13:00:00Z'); // still Jun 1 in UTC, already Jun 2 in Auckland
    const next = await complete(user);
    expect(next.streak).toMatchObject({ current: 2, kind: 'continued', lastActiveDay: '2025-06-02' });
  });

  it('gives the comeback bonus once, even when several things are finished at once', async () => {
    const user = await env().newUser();
    clock.set('2025-06-01T12:00:00Z');
    await complete(user);
    clock.set('2025-06-09T12:00:00Z'); // seven days away
    const results = await Promise.all(Array.from({ length: 6 }, () => complete(user, 2)));
    expect(results.reduce((s, r) => s + r.comebackBonus, 0)).toBe(15);
    const entries = await ledgerOf(user);
    expect(entries.filter((e) => e.key.startsWith('comeback:'))).toHaveLength(1);
    const streak = (await env().call(user, 'GET', '/api/v1/streak')).body;
    expect(streak).toMatchObject({ current: 1, activeDays: 2, lastActiveDay: '2025-06-09' });

    clock.set('2025-06-10T12:00:00Z'); // back the next day: no second comeback
    const next = await complete(user);
    expect(next).toMatchObject({ comebackBonus: 0, streak: { current: 2 } });
    expect(await cachedBalance(user)).toBe(entries.reduce((s, e) => s + e.points, 0) + 5);
  });

  it('counts a day exactly once when completions race on a new day', async () => {
    const user = await env().newUser();
    clock.set('2025-07-01T12:00:00Z');
    await complete(user);
    clock.set('2025-07-02T12:00:00Z');
    await complete(user);
    clock.set('2025-07-03T12:00:00Z');
    const results = await Promise.all(Array.from({ length: 10 }, () => complete(user, 1)));
    expect(results.filter((r) => r.milestone === 3)).toHaveLength(1);
    const streak = (await env().call(user, 'GET', '/api/v1/streak')).body;
    expect(streak).toMatchObject({ current: 3, longest: 3, activeDays: 3 });
    const entries = await ledgerOf(user);
    expect(entries.filter((e) => e.key.startsWith('streak_milestone:'))).toHaveLength(1);
  });

  it('shows each person only their own points and streak', async () => {
    clock.set('2025-06-01T16:00:00Z');
    const alice = await env().newUser('Alice');
    const bob = await env().newUser('Bob');
    await complete(alice, 40);
    const bobPoints = (await env().call(bob, 'GET', '/api/v1/points')).body;
    expect(bobPoints).toMatchObject({ balance: 0, history: [] });
    expect((await env().call(bob, 'GET', '/api/v1/streak')).body).toMatchObject({
      status: 'not_started',
      current: 0,
    });
    expect((await env().call(alice, 'GET', '/api/v1/points')).body.balance).toBe(40);
    expect((await env().call(null, 'GET', '/api/v1/points')).status).toBe(401);
  });
});
