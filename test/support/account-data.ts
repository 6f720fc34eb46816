import { expect } from 'vitest';
import { addIdentity } from '../../src/domain/identities/index.js';
import { deliverNotification } from '../../src/domain/notifications/deliver-notification.js';
import { recordConnection } from '../../src/domain/oauth/index.js';
import { storeProofImage } from '../../src/domain/proof-images/index.js';
import type { TestEnv, TestUser } from './test-env.js';

export const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

const ok = async (res: Promise<{ status: number; body: unknown }>) => {
  const done = await res;
  expect(done.status, JSON.stringify(done.body)).toBeLessThan(300);
  return done.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
};

/** A person as made by `populatePerson`, with the secrets shown to them once. */
export type PopulatedPerson = TestUser & { laptopToken: string; calendarUrl: string };

/** A person with something in (nearly) every collection and queue, made the way the product makes it. */
export const populatePerson = async (env: TestEnv, name: string, phone: string): Promise<PopulatedPerson> => {
  const user = await env.newUser(name);
  const { userId } = user;
  const call = (method: string, path: string, body?: unknown) => ok(env.call(user, method, path, body));
  // No quiet hours: the default (22:00-08:00) would defer the reminder delivered below whenever the tests run at night.
  await call('PATCH', '/api/v1/me', { quietHours: null });
  const due = await call('POST', '/api/v1/tasks', {
    title: `${name}: call the dentist`,
    dueAt: inHours(5),
    reminders: [0, 30],
    recurrence: 'RRULE:FREQ=WEEKLY',
  });
  await call('POST', `/api/v1/tasks/${due.id as string}/snooze`, { minutes: 20 });
  const done = await call('POST', '/api/v1/tasks', { title: `${name}: water plants` });
  await call('POST', `/api/v1/tasks/${done.id as string}/complete`);
  const gone = await call('POST', '/api/v1/tasks', { title: `${name}: old plan` });
  await call('DELETE', `/api/v1/tasks/${gone.id as string}`);
  await call('POST', '/api/v1/mood', { mood: 4, energy: 3, note: 'fine' });
  await env.domain.ledger.award(userId, { key: `gift:${userId}`, reason: 'task_completed', points: 50 });
  const reward = await call('POST', '/api/v1/rewards', { title: 'Fancy coffee', cost: 15 });
  await call('POST', `/api/v1/rewards/${reward.id as string}/redeem`);
  await call('POST', '/api/v1/focus-sessions', { plannedMinutes: 25, label: 'deep work' });
  await call('POST', '/api/v1/memories', {
    text: `${name} works best with a 10-minute timer`,
    kind: 'what_helped',
  });
  const laptop = await call('POST', '/api/v1/me/tokens', { name: 'laptop' });
  const feed = await call('POST', '/api/v1/me/calendar-feed');
  await call('POST', '/api/v1/me/link-codes');
  await addIdentity(env.domain, { userId, via: 'system' }, 'sms', phone);
  await addIdentity(env.domain, { userId, via: 'system' }, 'web', `visitor-${userId}`);
  // An email address proven earlier that later bounced, and a new one waiting for its code (no SMTP server here).
  await addIdentity(env.domain, { userId, via: 'system' }, 'email', `${userId}@example.com`);
  await env.domain.emailAddresses.addBounce({
    _id: `${userId}@example.com`,
    userId,
    reason: '550 no such user',
    at: new Date(),
  });
  const now = new Date();
  await env.domain.emailAddresses.savePending({
    _id: userId,
    userId,
    address: `new-${userId}@example.com`,
    codeHash: 'a'.repeat(64),
    expiresAt: new Date(now.getTime() + 60_000),
    attempts: 0,
    windowStart: now,
    sent: 1,
    createdAt: now,
  });
  await storeProofImage(env.domain, userId, PNG);
  await env.agents.usage.record({
    userId,
    chain: 'breakdown',
    model: 'gpt-4o-mini',
    mode: 'json_schema',
    outcome: 'ok',
    inputTokens: 100,
    outputTokens: 50,
    costUsd: 0.0001,
    latencyMs: 300,
  });
  // A connected OAuth app: its grant, a token under it, and the connection record.
  const grantId = `grant-${userId}`;
  await env.domain.oauthStore.upsert('Grant', grantId, { jti: grantId, accountId: userId }, 3600);
  await env.domain.oauthStore.upsert('AccessToken', `at-${userId}`, { grantId, accountId: userId }, 3600);
  await recordConnection(env.domain, {
    _id: grantId,
    userId,
    clientId: 'https://claude.example/client.json',
    clientName: 'Claude',
    redirectHost: 'claude.example',
    scopes: ['tasks'],
  });
  // A conversation through the planner (turns, checkpoints, short-term memory) that also makes a task.
  const turn = env.conversations.converse({
    userId,
    channel: 'web',
    threadId: 'main',
    messageId: `m1-${userId}`,
    message: { text: 'remind me to buy milk tomorrow at 5pm' },
  });
  await turn.reply;
  // A delivered reminder (delivery log, web inbox, nudge slot), a queued one, a check-in and an inbound message.
  const message = {
    kind: 'reminder' as const,
    title: 'Dentist',
    text: 'Time to call the dentist',
    taskId: due.id as string,
    actions: [],
    data: {},
  };
  await deliverNotification(
    { ...env.domain, senders: env.channels.senders },
    { userId, occurrenceKey: `test:${userId}:1`, message, channel: 'web' },
  );
  await env.jobs.scheduler.notify({ userId, occurrenceKey: `test:${userId}:2`, message });
  await env.jobs.scheduler.addTimer(
    { type: 'checkin', key: `cin.${userId}.morning.2030-01-01`, userId, which: 'morning' },
    new Date(Date.now() + 86_400_000),
  );
  await env.inbound.enqueue({
    userId,
    channel: 'sms',
    threadId: 'sms',
    messageId: `SM${userId}`,
    message: { text: 'done' },
    replyTo: { to: phone },
    receivedAt: new Date().toISOString(),
  });
  await env.conversations.idle();
  // A search loads the person's semantic index; flushing writes its files.
  await call('POST', '/api/v1/memories/search', { query: 'timer' });
  await env.memory.flush();
  return { ...user, laptopToken: laptop.token as string, calendarUrl: feed.url as string };
};
