import type { Client } from '@modelcontextprotocol/client';
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/shared/clock.js';
import { connectInProcess, ERROR_META_KEY, type InProcessMcp, type ToolContext } from '../src/tools/index.js';
import { createJobsTestEnv } from './support/jobs-env.js';
import { callOk, expectToolError } from './support/mcp-harness.js';
import type { TestEnv, TestUser } from './support/test-env.js';

// The conversation-flow tools through the real MCP SDK client, over FerretDB and the real BullMQ scheduler (a queue
// prefix of this file's own; no workers run, so the jobs the tools add stay where the test can look at them).
const clock = fixedClock(new Date());
let env: TestEnv;
const open: InProcessMcp[] = [];

beforeAll(async () => {
  env = await createJobsTestEnv({ clock });
});
afterEach(async () => {
  for (const pair of open.splice(0)) await pair.close();
  clock.set(new Date());
});
afterAll(async () => {
  await env?.close();
});

const connectAs = async (user: TestUser): Promise<Client> => {
  const ctx: ToolContext = {
    actor: { userId: user.userId, via: 'mcp' },
    domain: env.domain,
    agents: env.agents,
    memory: env.memory,
    scheduler: env.jobs.scheduler,
    logger: env.logger,
  };
  const pair = await connectInProcess(ctx, 'flow-tools-test');
  open.push(pair);
  await pair.client.listTools(); // the client then checks structured results against the advertised schemas too
  return pair.client;
};

const person = async (timezone = 'Europe/Berlin') => {
  const user = await env.newUser('Robin', timezone);
  return { user, client: await connectAs(user) };
};

const localToday = (timezone: string) => DateTime.fromJSDate(clock.now(), { zone: timezone }).toISODate()!;

/** The kind of day the suggestion tests need: one big important thing due today, one small easy thing, one middling. */
const seedDay = async (client: Client) => {
  const profile = await callOk(client, 'get_profile');
  const presentation = await callOk(client, 'create_task', {
    title: 'Prepare the quarterly presentation',
    priority: 'high',
    dueDate: localToday(profile.timezone),
    estimateMinutes: 90,
    energy: 'high',
  });
  const reply = await callOk(client, 'create_task', {
    title: 'Reply to Sam about Saturday',
    priority: 'low',
    estimateMinutes: 10,
    energy: 'low',
  });
  const receipts = await callOk(client, 'create_task', { title: 'Sort the receipts', estimateMinutes: 45 });
  return { presentation, reply, receipts };
};

const errorCode = (result: Awaited<ReturnType<Client['callTool']>>) =>
  (result._meta?.[ERROR_META_KEY] as { code?: string } | undefined)?.code;

const SHAMING = /\b(fail\w*|missed|overdue|behind|late|lazy|should have|didn't|unfinished)\b/i;

describe('suggest_next_task', () => {
  it('picks the short, low-energy task when energy is 1 and 15 minutes are free', async () => {
    const { client } = await person();
    const { reply } = await seedDay(client);
    const suggestion = await callOk(client, 'suggest_next_task', { availableMinutes: 15, energy: 1 });
    expect(suggestion.task).toMatchObject({
      id: reply.id,
      title: 'Reply to Sam about Saturday',
      estimateMinutes: 10,
    });
    expect(suggestion.reason).toMatch(/15 minutes/);
    expect(suggestion.reason).toMatch(/low energy/);
    expect(suggestion.otherCandidates).toBe(2);
    expect(suggestion.firstStep).toMatchObject({ minutes: 2, stepId: null });
    expect(suggestion.firstStep.title).toMatch(/reply/i);
    expect(suggestion.basedOn).toMatchObject({ availableMinutes: 15, energy: 1, mood: 3, from: 'default' });
  });

  it('picks the important task due today when energy is high, with its first open step', async () => {
    const { client } = await person();
    const { presentation } = await seedDay(client);
    const outline = await callOk(client, 'create_task', {
      title: 'Open last quarter’s deck',
      parentId: presentation.id,
      estimateMinutes: 2,
    });
    await callOk(client, 'create_task', { title: 'List three headline numbers', parentId: presentation.id });
    const suggestion = await callOk(client, 'suggest_next_task', { energy: 5, mood: 4 });
    expect(suggestion.task).toMatchObject({ id: presentation.id, priority: 'high', estimateMinutes: 90 });
    expect(suggestion.task.dueDate).toBe(presentation.dueDate);
    expect(suggestion.reason).toMatch(/due today/);
    expect(suggestion.firstStep).toEqual({
      title: 'Open last quarter’s deck',
      minutes: 2,
      stepId: outline.id,
    });
    expect(suggestion.basedOn.from).toBe('you');
  });

  it('reads energy and mood from a mood log of the last hours when not told', async () => {
    const { client } = await person();
    const { reply } = await seedDay(client);
    await callOk(client, 'log_mood', { mood: 2, energy: 1 });
    const suggestion = await callOk(client, 'suggest_next_task', { availableMinutes: 15 });
    expect(suggestion.basedOn).toMatchObject({ energy: 1, mood: 2, from: 'recent_mood_log' });
    expect(suggestion.task.id).toBe(reply.id);
  });

  it("never suggests another person's task, and is kind when there is nothing to do", async () => {
    const other = await person();
    await seedDay(other.client);
    const { client } = await person();
    const empty = await callOk(client, 'suggest_next_task', { availableMinutes: 15, energy: 1 });
    expect(empty).toMatchObject({ task: null, reason: null, firstStep: null, otherCandidates: 0 });
    expect(empty.message).toMatch(/clear/);
    const mine = await callOk(client, 'create_task', { title: 'Water the plants', estimateMinutes: 5 });
    const suggestion = await callOk(client, 'suggest_next_task', { availableMinutes: 15, energy: 1 });
    expect(suggestion.task.id).toBe(mine.id);
    expect(suggestion.otherCandidates).toBe(0);
  });

  it('skips a snoozed task and never a finished one, and answers the same twice', async () => {
    const { client } = await person();
    const { reply, receipts } = await seedDay(client);
    await callOk(client, 'complete_task', { taskId: receipts.id });
    const first = await callOk(client, 'suggest_next_task', { availableMinutes: 15, energy: 1 });
    expect(await callOk(client, 'suggest_next_task', { availableMinutes: 15, energy: 1 })).toEqual(first);
    await callOk(client, 'snooze_task', { taskId: reply.id, minutes: 30 });
    const after = await callOk(client, 'suggest_next_task', { availableMinutes: 15, energy: 1 });
    expect(after.task.id).not.toBe(reply.id);
    expect(after.task.id).not.toBe(receipts.id);
    expect(after.otherCandidates).toBe(0);
    clock.advance(31 * 60_000); // the snooze is over
    expect((await callOk(client, 'suggest_next_task', { availableMinutes: 15, energy: 1 })).task.id).toBe(
      reply.id,
    );
  });
});

describe('start_task', () => {
  it('returns only the first step and schedules the check-back in BullMQ', async () => {
    const { user, client } = await person();
    const essay = await callOk(client, 'create_task', { title: 'Write the essay', estimateMinutes: 120 });
    const first = await callOk(client, 'create_task', {
      title: 'Open the essay file',
      parentId: essay.id,
      estimateMinutes: 2,
    });
    await callOk(client, 'create_task', {
      title: 'Write the first paragraph',
      parentId: essay.id,
      estimateMinutes: 20,
    });
    await callOk(client, 'create_task', {
      title: 'Find two sources',
      parentId: essay.id,
      estimateMinutes: 15,
    });

    const started = await callOk(client, 'start_task', { taskId: essay.id });
    expect(Object.keys(started).sort()).toEqual(['checkbackAt', 'firstStep', 'message', 'taskId']);
    expect(started.firstStep).toEqual({
      title: 'Open the essay file',
      minutes: 2,
      stepId: first.id,
      source: 'subtask',
    });
    expect(started.message).not.toMatch(/paragraph|sources/);
    expect(Date.parse(started.checkbackAt) - clock.now().getTime()).toBe(5 * 60_000);

    const job = await env.jobs.queues.reminders.getJob(
      `chk.${essay.id}.${Math.floor(Date.parse(started.checkbackAt) / 60_000)}`,
    );
    expect(job?.data).toMatchObject({ type: 'checkback', userId: user.userId, taskId: essay.id });
    expect(await job!.getState()).toBe('delayed');
    expect(job!.delay).toBe(5 * 60_000);
  });

  it('asks the breakdown helper for a task without steps', async () => {
    const { client } = await person();
    const garage = await callOk(client, 'create_task', { title: 'Clean the garage' });
    const helped = await callOk(client, 'start_task', { taskId: garage.id, checkbackMinutes: 10 });
    expect(helped.firstStep).toMatchObject({ source: 'assistant', stepId: null });
    expect(helped.firstStep.minutes).toBeLessThanOrEqual(2);
    expect(Date.parse(helped.checkbackAt) - clock.now().getTime()).toBe(10 * 60_000);
    expect((await callOk(client, 'list_tasks', { parentId: garage.id })).total).toBe(0); // nothing saved
  });

  it('refuses politely for finished tasks and for bad input', async () => {
    const { client } = await person();
    const task = await callOk(client, 'create_task', { title: 'Call the dentist' });

    const tooLong = await client.callTool({
      name: 'start_task',
      arguments: { taskId: task.id, checkbackMinutes: 90 },
    });
    expect(expectToolError(tooLong)).toMatch(/checkbackMinutes/);
    await callOk(client, 'complete_task', { taskId: task.id });
    const done = await client.callTool({ name: 'start_task', arguments: { taskId: task.id } });
    expect(errorCode(done)).toBe('CONFLICT');
    const jobs = await env.jobs.queues.reminders.getJobs(['delayed', 'waiting']);
    expect(jobs.filter((j) => j.data.taskId === task.id)).toEqual([]);
  });
});

describe('snooze_task', () => {
  it('snoozes with a reminder job in BullMQ; default 15 minutes', async () => {
    const { user, client } = await person();
    const task = await callOk(client, 'create_task', { title: 'Book the car service' });
    const snoozed = await callOk(client, 'snooze_task', { taskId: task.id });
    expect(snoozed.taskId).toBe(task.id);
    expect(Date.parse(snoozed.remindAt) - clock.now().getTime()).toBe(15 * 60_000);
    const job = await env.jobs.queues.reminders.getJob(
      `snz.${task.id}.${Math.floor(Date.parse(snoozed.remindAt) / 60_000)}`,
    );
    expect(job?.data).toMatchObject({ type: 'snooze', userId: user.userId, taskId: task.id });
    expect(await job!.getState()).toBe('delayed');
  });

  it("on another person's task is TASK_NOT_FOUND and schedules nothing", async () => {
    const owner = await person();
    const task = await callOk(owner.client, 'create_task', { title: 'Private errand' });
    const { client } = await person();
    const refused = await client.callTool({
      name: 'snooze_task',
      arguments: { taskId: task.id, minutes: 20 },
    });
    expect(expectToolError(refused)).toMatch(/couldn't find that task/);
    expect(errorCode(refused)).toBe('TASK_NOT_FOUND');
    const jobs = await env.jobs.queues.reminders.getJobs(['delayed', 'waiting']);
    expect(jobs.filter((j) => j.data.taskId === task.id)).toEqual([]);
  });
});

describe('review_day', () => {
  it("counts today's completions in the person's time zone and frames what is open kindly", async () => {
    // 23:30 on 10 March in Auckland (NZDT, UTC+13) is 10:30 UTC the same date.
    clock.set('2026-03-10T10:30:00Z');
    const { client } = await person('Pacific/Auckland');
    const yesterdays = await callOk(client, 'create_task', { title: 'Tidy the desk', estimateMinutes: 10 });
    await callOk(client, 'complete_task', { taskId: yesterdays.id });

    // An hour later it is 00:30 on 11 March in Auckland, still 10 March in UTC.
    clock.set('2026-03-10T11:30:00Z');
    const walk = await callOk(client, 'create_task', { title: 'Walk round the block', priority: 'high' });
    const email = await callOk(client, 'create_task', { title: 'Email the landlord' });
    const earned = [
      (await callOk(client, 'complete_task', { taskId: walk.id })).celebration.pointsAwarded,
      (await callOk(client, 'complete_task', { taskId: email.id })).celebration.pointsAwarded,
    ];
    const bills = await callOk(client, 'create_task', {
      title: 'Pay the water bill',
      dueDate: '2026-03-11',
      priority: 'urgent',
    });
    const later = await callOk(client, 'create_task', { title: 'Plan the holiday', dueDate: '2026-03-20' });
    await callOk(client, 'log_mood', { mood: 4, energy: 2 });
    await callOk(client, 'log_mood', { mood: 3, energy: 3 });

    const review = await callOk(client, 'review_day');
    expect(review).toMatchObject({ date: '2026-03-11', timezone: 'Pacific/Auckland' });
    expect(review.completed.count).toBe(2);
    expect(review.completed.items.map((t: { id: string }) => t.id).sort()).toEqual(
      [walk.id, email.id].sort(),
    );
    expect(review.pointsToday).toBe(earned[0] + earned[1]);
    expect(review.streak.current).toBeGreaterThanOrEqual(1);
    expect(review.mood).toEqual({ count: 2, averageMood: 3.5, averageEnergy: 2.5 });
    expect(review.carryOver).toEqual({
      items: [
        { id: bills.id, title: 'Pay the water bill', priority: 'urgent', suggestion: 'Move to tomorrow' },
      ],
      count: 1,
      suggestedDate: '2026-03-12',
    });
    expect(review.tomorrow).toMatchObject({ id: bills.id, title: 'Pay the water bill' });
    expect(review.tomorrow.id).not.toBe(later.id);
    expect(review.message).toMatch(/You finished 2 things today/);
    expect(review.message).toMatch(/move to tomorrow/);
    expect(JSON.stringify(review)).not.toMatch(SHAMING);
  });

  it('is kind on a day with nothing finished and nothing planned', async () => {
    const { client } = await person('Pacific/Auckland');
    const review = await callOk(client, 'review_day');
    expect(review.completed).toEqual({ items: [], count: 0 });
    expect(review.pointsToday).toBe(0);
    expect(review.mood).toEqual({ count: 0, averageMood: null, averageEnergy: null });
    expect(review.tomorrow).toBeNull();
    expect(review.message).toMatch(/resting and resetting/);
    expect(JSON.stringify(review)).not.toMatch(SHAMING);
  });
});
