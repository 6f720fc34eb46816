import { describe, expect, it } from 'vitest';
import { ledgerReads } from './support/ledger-reads.js';
import { useTestEnv, type TestUser } from './support/test-env.js';

const env = useTestEnv();

let counter = 0;
const give = async (user: TestUser, points: number) => {
  await env().domain.ledger.award(user.userId, {
    key: `task_completed:gift${++counter}`,
    reason: 'task_completed',
    points,
  });
};

const { ledgerOf, cachedBalance } = ledgerReads(env);

const newReward = async (user: TestUser, body: Record<string, unknown> = {}) => {
  const res = await env().call(user, 'POST', '/api/v1/rewards', { title: 'Fancy coffee', cost: 15, ...body });
  expect(res.status).toBe(201);
  return res.body as { id: string; title: string; cost: number; status: string };
};

describe('the reward store', () => {
  it('creates, lists, edits, archives and restores rewards', async () => {
    const user = await env().newUser();
    const created = await newReward(user, {
      title: '  Episode of my show ',
      description: 'guilt-free',
      cost: 40,
    });
    expect(created).toMatchObject({
      title: 'Episode of my show',
      description: 'guilt-free',
      cost: 40,
      status: 'active',
      archivedAt: null,
    });

    const patched = await env().call(user, 'PATCH', `/api/v1/rewards/${created.id}`, {
      cost: 35,
      title: 'Two episodes',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      id: created.id,
      cost: 35,
      title: 'Two episodes',
      description: 'guilt-free',
    });

    const archived = await env().call(user, 'DELETE', `/api/v1/rewards/${created.id}`);
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ status: 'archived' });
    expect(archived.body.archivedAt).not.toBeNull();

    expect((await env().call(user, 'GET', '/api/v1/rewards')).body.items).toEqual([]);
    expect((await env().call(user, 'GET', '/api/v1/rewards?status=archived')).body.items).toHaveLength(1);
    expect((await env().call(user, 'GET', '/api/v1/rewards?status=all')).body.items).toHaveLength(1);

    const redeemArchived = await env().call(user, 'POST', `/api/v1/rewards/${created.id}/redeem`);
    expect(redeemArchived.status).toBe(409);

    const restored = await env().call(user, 'PATCH', `/api/v1/rewards/${created.id}`, { status: 'active' });
    expect(restored.body).toMatchObject({ status: 'active', archivedAt: null });
    expect(
      (await env().call(user, 'GET', '/api/v1/rewards')).body.items.map((r: { id: string }) => r.id),
    ).toEqual([created.id]);

    const audit = await env().domain.audit.list(user.userId);
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['reward.created', 'reward.updated', 'reward.archived']),
    );
  });

  it('explains invalid rewards and empty edits', async () => {
    const user = await env().newUser();
    for (const bad of [
      { title: '', cost: 5 },
      { title: 'x', cost: 0 },
      { title: 'x', cost: 2.5 },
      { title: 'x' },
    ]) {
      const res = await env().call(user, 'POST', '/api/v1/rewards', bad);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const reward = await newReward(user);
    expect((await env().call(user, 'PATCH', `/api/v1/rewards/${reward.id}`, {})).status).toBe(400);
    expect((await env().call(user, 'PATCH', `/api/v1/rewards/${reward.id}`, { owner: 'me' })).status).toBe(
      400,
    );
    expect((await env().call(user, 'PATCH', '/api/v1/rewards/rwd_missing', { cost: 3 })).status).toBe(404);
  });

  it('redeems with enough points, refuses kindly without them, and keeps a history', async () => {
    const user = await env().newUser();
    const reward = await newReward(user, { cost: 30 });
    const poor = await env().call(user, 'POST', `/api/v1/rewards/${reward.id}/redeem`);
    expect(poor.status).toBe(409);
    expect(poor.body.error).toMatchObject({
      code: 'INSUFFICIENT_POINTS',
      details: { needed: 30, balance: 0 },
    });

    await give(user, 50);
    const ok = await env().call(user, 'POST', `/api/v1/rewards/${reward.id}/redeem`);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      balance: 20,
      redemption: { rewardId: reward.id, title: 'Fancy coffee', cost: 30, balanceAfter: 20 },
    });
    expect(ok.body.message).toContain('Fancy coffee');

    const redemptions = (await env().call(user, 'GET', '/api/v1/redemptions')).body.items;
    expect(redemptions).toEqual([ok.body.redemption]);
    const points = (await env().call(user, 'GET', '/api/v1/points')).body;
    expect(points).toMatchObject({ balance: 20, lifetimePoints: 50 });
    expect(points.history[0]).toMatchObject({
      reason: 'reward_redeemed',
      points: -30,
      refId: ok.body.redemption.id,
      balanceAfter: 20,
    });
  });

  it('never overspends when 20 redemptions of one reward arrive at once', async () => {
    const user = await env().newUser();
    for (const points of [40, 35, 25]) await give(user, points); // 100 points
    const reward = await newReward(user, { cost: 15 });

    const responses = await Promise.all(
      Array.from({ length: 20 }, () => env().call(user, 'POST', `/api/v1/rewards/${reward.id}/redeem`)),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    const succeeded = responses.filter((r) => r.status === 201);
    expect(succeeded).toHaveLength(Math.floor(100 / 15)); // 6
    expect(
      responses.filter((r) => r.status === 409).every((r) => r.body.error.code === 'INSUFFICIENT_POINTS'),
    ).toBe(true);

    const entries = await ledgerOf(user);
    const sum = entries.reduce((s, e) => s + e.points, 0);
    expect(sum).toBe(100 - 6 * 15);
    expect(entries.every((e) => e.balanceAfter >= 0)).toBe(true);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    expect(await cachedBalance(user)).toBe(sum);
    expect((await env().call(user, 'GET', '/api/v1/points')).body.balance).toBe(sum);
    expect((await env().call(user, 'GET', '/api/v1/redemptions')).body.items).toHaveLength(6);
  });

  it('keeps the balance exact when awards and redemptions interleave', async () => {
    const user = await env().newUser();
    await give(user, 20);
    const reward = await newReward(user, { cost: 10 });
    const [redeems] = await Promise.all([
      Promise.all(
        Array.from({ length: 12 }, () => env().call(user, 'POST', `/api/v1/rewards/${reward.id}/redeem`)),
      ),
      Promise.all(Array.from({ length: 8 }, () => give(user, 5))),
    ]);
    const won = redeems.filter((r) => r.status === 201).length;
    expect(redeems.every((r) => r.status === 201 || r.body.error.code === 'INSUFFICIENT_POINTS')).toBe(true);
    const entries = await ledgerOf(user);
    const sum = entries.reduce((s, e) => s + e.points, 0);
    expect(sum).toBe(20 + 40 - won * 10);
    expect(sum).toBeGreaterThanOrEqual(0);
    expect(entries.every((e) => e.balanceAfter >= 0)).toBe(true);
    expect(await cachedBalance(user)).toBe(sum);
  });

  it("does not let another person see, change or redeem someone's rewards", async () => {
    const alice = await env().newUser('Alice');
    const bob = await env().newUser('Bob');
    await give(alice, 100);
    await give(bob, 100);
    const reward = await newReward(alice, { title: 'Alice treat', cost: 10 });
    await env().call(alice, 'POST', `/api/v1/rewards/${reward.id}/redeem`);

    expect((await env().call(bob, 'GET', '/api/v1/rewards?status=all')).body.items).toEqual([]);
    expect((await env().call(bob, 'GET', '/api/v1/redemptions')).body.items).toEqual([]);
    expect((await env().call(bob, 'PATCH', `/api/v1/rewards/${reward.id}`, { cost: 1 })).status).toBe(404);
    expect((await env().call(bob, 'DELETE', `/api/v1/rewards/${reward.id}`)).status).toBe(404);
    const steal = await env().call(bob, 'POST', `/api/v1/rewards/${reward.id}/redeem`);
    expect(steal.status).toBe(404);
    expect(steal.body.error.code).toBe('REWARD_NOT_FOUND');

    const aliceRewards = (await env().call(alice, 'GET', '/api/v1/rewards')).body.items;
    expect(aliceRewards).toMatchObject([{ id: reward.id, cost: 10, status: 'active' }]);
    expect((await env().call(alice, 'GET', '/api/v1/redemptions')).body.items).toHaveLength(1);
    expect((await env().call(alice, 'GET', '/api/v1/points')).body.balance).toBe(90);
    expect((await env().call(bob, 'GET', '/api/v1/points')).body.balance).toBe(100);
  });

  it('documents the reward and points endpoints in the OpenAPI document', async () => {
    const user = await env().newUser();
    const doc = (await env().call(user, 'GET', '/api/v1/openapi.json')).body;
    for (const path of [
      '/points',
      '/streak',
      '/rewards',
      '/rewards/{id}',
      '/rewards/{id}/redeem',
      '/redemptions',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});
