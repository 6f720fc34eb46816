import { describe, expect, it } from 'vitest';
import { sweepStaleFocusSessions } from '../src/domain/focus/index.js';
import { fixedClock } from '../src/shared/clock.js';
import { useTestEnv, type TestUser } from './support/test-env.js';

const clock = fixedClock('2025-06-20T09:00:00Z');
const env = useTestEnv({ clock });
const MINUTE = 60_000;

const start = (user: TestUser, body: Record<string, unknown> = {}) =>
  env().call(user, 'POST', '/api/v1/focus-sessions', body);
const active = async (user: TestUser) =>
  (await env().call(user, 'GET', '/api/v1/focus-sessions/active')).body.session;
const balance = async (user: TestUser) =>
  (await env().call(user, 'GET', '/api/v1/points')).body.balance as number;

/** A task row as the tasks module stores it; focus only checks id, owner and deletion. */
const insertTask = async (userId: string, id: string, deletedAt: Date | null = null) => {
  await env()
    .database.db.collection<{ _id: string; userId: string; title: string; deletedAt: Date | null }>('tasks')
    .insertOne({ _id: id, userId, title: 'Write report', deletedAt });
};

describe('focus sessions', () => {
  it('starts a block, shows it as active and refuses a second one while it runs', async () => {
    clock.set('2025-06-20T09:00:00Z');
    const user = await env().newUser();
    const res = await start(user, { plannedMinutes: 25, label: ' inbox zero ' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'active',
      plannedMinutes: 25,
      label: 'inbox zero',
      taskId: null,
      startedAt: '2025-06-20T09:00:00.000Z',
      plannedEndAt: '2025-06-20T09:25:00.000Z',
      focusedMinutes: 0,
      isOverdue: false,
    });
    clock.advance(10 * MINUTE);
    expect(await active(user)).toMatchObject({ id: res.body.id, focusedMinutes: 10 });

    const second = await start(user, { plannedMinutes: 10 });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({
      code: 'FOCUS_SESSION_ACTIVE',
      details: { activeSessionId: res.body.id },
    });
    expect(second.body.error.message).toContain('15 min left');
  });

  it('defaults to 25 minutes and validates the planned length', async () => {
    const user = await env().newUser();
    for (const plannedMinutes of [0, 241, 12.5, '25']) {
      const res = await start(user, { plannedMinutes });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await start(user)).body.plannedMinutes).toBe(25);
  });

  it('stops early with no penalty, and a stopped block cannot be completed', async () => {
    clock.set('2025-06-20T09:00:00Z');
    const user = await env().newUser();
    await env().domain.ledger.award(user.userId, {
      key: 'task_completed:earlier',
      reason: 'task_completed',
      points: 12,
    });
    const session = (await start(user, { plannedMinutes: 45 })).body;
    clock.advance(7 * MINUTE + 30_000);
    const stopped = await env().call(user, 'POST', `/api/v1/focus-sessions/${session.id}/stop`);
    expect(stopped.status).toBe(200);
    expect(stopped.body.session).toMatchObject({
      status: 'stopped',
      focusedMinutes: 7,
      endReason: 'stopped',
      pointsAwarded: 0,
    });
    expect(stopped.body.message).toContain('7 minutes');
    expect(await balance(user)).toBe(12);
    expect(await active(user)).toBeNull();

    expect((await env().call(user, 'POST', `/api/v1/focus-sessions/${session.id}/stop`)).status).toBe(200); // harmless repeat
    expect((await env().call(user, 'POST', `/api/v1/focus-sessions/${session.id}/complete`)).status).toBe(
      409,
    );
    expect((await start(user)).status).toBe(201); // free to start again
  });

  it('completes a block once: points for the minutes focused and the day counts for the streak', async () => {
    clock.set('2025-06-20T09:00:00Z');
    const user = await env().newUser('Robin', 'America/New_York');
    const session = (await start(user, { plannedMinutes: 25 })).body;
    clock.advance(31 * MINUTE);
    const done = await env().call(user, 'POST', `/api/v1/focus-sessions/${session.id}/complete`);
    expect(done.status).toBe(200);
    expect(done.body.session).toMatchObject({
      status: 'completed',
      focusedMinutes: 25,
      pointsAwarded: 10,
      endReason: 'completed',
    });
    expect(done.body.celebration).toMatchObject({
      isNew: true,
      pointsAwarded: 10,
      balance: 10,
      streak: { current: 1, kind: 'started' },
    });

    const again = await env().call(user, 'POST', `/api/v1/focus-sessions/${session.id}/complete`);
    expect(again.status).toBe(200);
    expect(again.body.celebration).toBeNull();
    expect(await balance(user)).toBe(10);
    expect((await env().call(user, 'POST', `/api/v1/focus-sessions/${session.id}/stop`)).status).toBe(409);

    const entries = await env()
      .database.db.collection('points_ledger')
      .find({ userId: user.userId })
      .toArray();
    expect(entries.map((e) => e.key)).toEqual([`focus_completed:${session.id}`]);
    expect((await env().call(user, 'GET', '/api/v1/streak')).body).toMatchObject({
      status: 'done_today',
      current: 1,
    });
    const audit = (await env().domain.audit.list(user.userId)).map((a) => a.action);
    expect(audit).toEqual(
      expect.arrayContaining(['focus.started', 'focus.completed', 'points.awarded', 'streak.updated']),
    );
  });

  it('completes an overdue block automatically when a new one starts, instead of blocking', async () => {
    clock.set('2025-06-20T09:00:00Z');
    const user = await env().newUser();
    const first = (await start(user, { plannedMinutes: 20 })).body;
    clock.advance(3 * 60 * MINUTE);
    expect(await active(user)).toMatchObject({ id: first.id, isOverdue: true, focusedMinutes: 20 });
    const second = await start(user, { plannedMinutes: 30 });
    expect(second.status).toBe(201);
    const list = (await env().call(user, 'GET', '/api/v1/focus-sessions')).body.items;
    expect(list.map((s: { id: string }) => s.id)).toEqual([second.body.id, first.id]);
    expect(list[1]).toMatchObject({
      status: 'completed',
      endReason: 'auto_completed',
      focusedMinutes: 20,
      pointsAwarded: 8,
      endedAt: '2025-06-20T09:20:00.000Z',
    });
    expect(await balance(user)).toBe(8);
  });

  it('leaves exactly one active session when many starts race', async () => {
    clock.set('2025-06-20T09:00:00Z');
    const user = await env().newUser();
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => start(user, { plannedMinutes: 10 + i })),
    );
    const created = responses.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(11);
    expect(await active(user)).toMatchObject({ id: created[0]!.body.id });
    const running = await env()
      .database.db.collection('focus_sessions')
      .countDocuments({ userId: user.userId, status: 'active' });
    expect(running).toBe(1);
  });

  it("links a block to one of the person's own tasks only", async () => {
    const alice = await env().newUser('Alice');
    const bob = await env().newUser('Bob');
    await insertTask(alice.userId, 'task_alice_1');
    await insertTask(alice.userId, 'task_alice_gone', new Date());
    await insertTask(bob.userId, 'task_bob_1');
    for (const taskId of ['task_nope', 'task_bob_1', 'task_alice_gone']) {
      const res = await start(alice, { taskId });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('TASK_NOT_FOUND');
    }
    const ok = await start(alice, { taskId: 'task_alice_1' });
    expect(ok.status).toBe(201);
    expect(ok.body.taskId).toBe('task_alice_1');
  });

  it('lists recent sessions newest first, by status, with a bounded limit', async () => {
    clock.set('2025-06-20T09:00:00Z');
    const user = await env().newUser();
    const a = (await start(user, { plannedMinutes: 5 })).body;
    clock.advance(5 * MINUTE);
    await env().call(user, 'POST', `/api/v1/focus-sessions/${a.id}/complete`);
    const b = (await start(user, { plannedMinutes: 5 })).body;
    clock.advance(MINUTE);
    await env().call(user, 'POST', `/api/v1/focus-sessions/${b.id}/stop`);
    const c = (await start(user, { plannedMinutes: 5 })).body;

    const ids = (query: string) =>
      env()
        .call(user, 'GET', `/api/v1/focus-sessions${query}`)
        .then((r) => r.body.items.map((s: { id: string }) => s.id));
    expect(await ids('')).toEqual([c.id, b.id, a.id]);
    expect(await ids('?status=completed')).toEqual([a.id]);
    expect(await ids('?status=stopped')).toEqual([b.id]);
    expect(await ids('?limit=1')).toEqual([c.id]);
    expect((await env().call(user, 'GET', '/api/v1/focus-sessions?limit=500')).status).toBe(400);
  });

  it("does not let another person see, stop or complete someone's focus block", async () => {
    clock.set('2025-06-20T09:00:00Z');
    const alice = await env().newUser('Alice');
    const bob = await env().newUser('Bob');
    const session = (await start(alice, { plannedMinutes: 25 })).body;
    clock.advance(25 * MINUTE);

    expect(await active(bob)).toBeNull();
    expect((await env().call(bob, 'GET', '/api/v1/focus-sessions')).body.items).toEqual([]);
    for (const action of ['stop', 'complete']) {
      const res = await env().call(bob, 'POST', `/api/v1/focus-sessions/${session.id}/${action}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('FOCUS_SESSION_NOT_FOUND');
    }
    expect(await balance(bob)).toBe(0);
    expect(await active(alice)).toMatchObject({ id: session.id, status: 'active' });
    expect(await balance(alice)).toBe(0);
    expect((await start(bob)).status).toBe(201); // Bob's own block is independent of Alice's
  });

  it('documents the focus and mood endpoints in the OpenAPI document', async () => {
    const user = await env().newUser();
    const doc = (await env().call(user, 'GET', '/api/v1/openapi.json')).body;
    for (const path of [
      '/focus-sessions',
      '/focus-sessions/active',
      '/focus-sessions/{id}/stop',
      '/focus-sessions/{id}/complete',
      '/mood',
      '/mood/patterns',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});

describe('the stale focus sweep', () => {
  it('closes blocks nobody ended an hour after their planned end, with their points, and leaves the rest', async () => {
    clock.set('2025-06-21T08:00:00Z');
    const forgetful = await env().newUser();
    const focused = await env().newUser();
    expect((await start(forgetful, { plannedMinutes: 25 })).status).toBe(201);
    clock.advance(50 * MINUTE);
    expect((await start(focused, { plannedMinutes: 25 })).status).toBe(201);
    const before = await balance(forgetful);

    clock.advance(40 * MINUTE); // forgetful: 65 min past its planned end; focused: 15 min past
    // Earlier tests in this file may have left blocks of their own people running; the sweep is for everyone.
    expect(await sweepStaleFocusSessions(env().domain)).toBeGreaterThanOrEqual(1);
    expect(await active(forgetful)).toBeNull();
    expect(await active(focused)).toMatchObject({ status: 'active' });
    const [closed] = (await env().call(forgetful, 'GET', '/api/v1/focus-sessions')).body.items;
    expect(closed).toMatchObject({ status: 'completed', endReason: 'auto_completed', focusedMinutes: 25 });
    expect(await balance(forgetful)).toBeGreaterThan(before);

    // A second sweep changes nothing, and the person can start a new block.
    expect(await sweepStaleFocusSessions(env().domain)).toBe(0);
    expect((await start(forgetful, { plannedMinutes: 10 })).status).toBe(201);
  });
});
