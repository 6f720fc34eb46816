import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTasks } from '../src/domain/tasks/index.js';
import { createConversations, type ConverseInput } from '../src/planner/index.js';
import { partsOf, startPlannerEnv, streamedText, type PlannerTestEnv } from './support/planner-env.js';

let env: PlannerTestEnv;
beforeAll(async () => {
  env = await startPlannerEnv();
});
afterAll(async () => {
  await env?.close();
});

const openTitles = async (userId: string) =>
  (await listTasks(env.deps().domain, { userId, via: 'system' }, { limit: 100 })).items.map((t) =>
    t.title.toLowerCase(),
  );

describe('planner in basic mode (no LLM configured)', () => {
  it('adds a task, streaming the reply as words and ending with done', async () => {
    const user = await env.newUser();
    const { reply, events } = await env.say(user, 'remind me to water the plants tomorrow at 9am');
    expect(reply.basicMode).toBe(true);
    expect(events[0]).toMatchObject({ type: 'start', messageId: reply.id });
    expect(events.at(-1)).toEqual({ type: 'done', reply });
    expect(events.filter((e) => e.type === 'done')).toHaveLength(1);
    const text = partsOf(reply, 'text')[0]!.text;
    expect(streamedText(events)).toBe(text);
    expect(events.filter((e) => e.type === 'text-delta').length).toBeGreaterThan(2);
    expect(text).toMatch(/Added “water the plants”/i);
    const [added] = partsOf(reply, 'task_list');
    expect(added!.tasks[0]).toMatchObject({
      title: expect.stringMatching(/water the plants/i),
      status: 'todo',
    });
    expect(added!.tasks[0]!.due).not.toBeNull();
    expect(events).toContainEqual({ type: 'tool', name: 'create_task', status: 'finished' });
    expect(await openTitles(user)).toEqual([expect.stringMatching(/water the plants/i)]);
  });

  it('lists the open tasks as a task list', async () => {
    const user = await env.newUser();
    await env.say(user, 'add task: call the dentist');
    await env.say(user, 'add task: buy oat milk');
    const { reply } = await env.say(user, 'show my tasks');
    const [list] = partsOf(reply, 'task_list');
    expect(list!.tasks.map((t) => t.title.toLowerCase()).sort()).toEqual([
      'buy oat milk',
      'call the dentist',
    ]);
    expect(reply.text.toLowerCase()).toContain('call the dentist');
  });

  it('completes a task named in words and celebrates with points and streak', async () => {
    const user = await env.newUser();
    await env.say(user, 'add task: fold the laundry');
    const { reply } = await env.say(user, 'done with the laundry');
    const [celebration] = partsOf(reply, 'celebration');
    expect(celebration).toBeDefined();
    expect(celebration!.pointsAwarded).toBeGreaterThan(0);
    expect(celebration!.balance).toBe(celebration!.pointsAwarded);
    expect(celebration!.streakDays).toBe(1);
    expect(await openTitles(user)).toEqual([]);
    expect(reply.text).not.toMatch(/overdue|late|fail/i);
  });

  it('completes "it": the task last talked about in the thread', async () => {
    const user = await env.newUser();
    await env.say(user, 'add task: send the invoice');
    const { reply } = await env.say(user, "it's done");
    expect(partsOf(reply, 'celebration')[0]?.pointsAwarded).toBeGreaterThan(0);
    expect(await openTitles(user)).toEqual([]);
  });

  it('completes "the second one": that task of the last list shown, and saves steps on "keep those"', async () => {
    const user = await env.newUser();
    await env.say(user, 'add task: water plants');
    await env.say(user, 'add task: call the bank');
    await env.say(user, 'add task: fold laundry');
    const { reply: shown } = await env.say(user, 'show my tasks');
    const second = partsOf(shown, 'task_list')[0]!.tasks[1]!.title.toLowerCase();
    await env.say(user, 'the second one is done');
    const open = await openTitles(user);
    expect(open).toHaveLength(2);
    expect(open).not.toContain(second);

    await env.say(user, `break down ${open[0]}`);
    await env.say(user, 'nice, keep those');
    const all = (await listTasks(env.deps().domain, { userId: user, via: 'system' }, { limit: 100 })).items;
    const parent = all.find((t) => t.title.toLowerCase() === open[0])!;
    expect(all.filter((t) => t.parentId === parent.id).length).toBeGreaterThanOrEqual(2);
  });

  it('answers a repeated message id with the stored reply and acts only once', async () => {
    const user = await env.newUser();
    const first = await env.say(user, 'add task: renew passport', { messageId: 'twilio-SM123' });
    const again = await env.say(user, 'add task: renew passport', { messageId: 'twilio-SM123' });
    expect(again.reply).toEqual(first.reply);
    expect(again.stats?.replayed).toBe(true);
    expect(again.events.at(-1)).toEqual({ type: 'done', reply: first.reply });
    expect(await openTitles(user)).toEqual(['renew passport']);
    // The repeat changed nothing in the thread: "it" is still the task the first answer added.
    const next = await env.say(user, "it's done");
    expect(partsOf(next.reply, 'celebration')[0]?.pointsAwarded).toBeGreaterThan(0);
    expect(await openTitles(user)).toEqual([]);
    // The same id on another thread is another message.
    await env.say(user, 'add task: renew passport', { messageId: 'twilio-SM123', threadId: 'other' });
    expect(await openTitles(user)).toEqual(['renew passport']);
  });

  it('acts once when the same message reaches two processes at once, and neither run disturbs the thread', async () => {
    const user = await env.newUser();
    const deps = env.deps();
    // A second process: its own planner (checkpoint cache, thread locks) over the same database.
    const other = createConversations({
      db: deps.database.db,
      domain: deps.domain,
      agents: deps.agents,
      memory: deps.memory,
      logger: deps.logger,
      clock: deps.clock,
      scheduler: deps.jobs.scheduler,
      replyBudget: deps.channels.budgetOf,
    });
    try {
      await env.say(user, 'add task: water the plants');
      const input: ConverseInput = {
        userId: user,
        channel: 'web',
        threadId: 'main',
        messageId: 'twilio-SM777',
        message: { text: 'add task: call the dentist' },
      };
      const [a, b] = await Promise.all([
        deps.conversations.converse(input).reply,
        other.converse(input).reply,
      ]);
      expect(a).toEqual(b);
      expect((await openTitles(user)).sort()).toEqual(['call the dentist', 'water the plants']);
      await Promise.all([deps.conversations.idle(), other.idle()]);
      // One saved version per turn taken: the run that lost the claim stopped before acting and saved nothing.
      const versions = await deps.database.db
        .collection('planner_checkpoints')
        .countDocuments({ thread: `${user}:web:main`, kind: 'checkpoint' });
      expect(versions).toBe(2);
      // "it" is the task the answered turn added, whichever process answered it.
      const next = await env.say(user, "it's done");
      expect(partsOf(next.reply, 'celebration')[0]?.pointsAwarded).toBeGreaterThan(0);
      expect(await openTitles(user)).toEqual(['water the plants']);
    } finally {
      await other.close();
    }
  });

  it('keeps the thread history with parts, oldest first, per channel and thread', async () => {
    const user = await env.newUser();
    await env.say(user, 'add task: book a haircut', { threadId: 'h1' });
    await env.say(user, 'show my tasks', { threadId: 'h1' });
    await env.say(user, 'hello', { threadId: 'h2' });
    const history = await env.deps().conversations.history(user, 'web', 'h1');
    expect(history.map((h) => h.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(history[0]!.parts).toEqual([{ type: 'text', text: 'add task: book a haircut' }]);
    expect(history[3]!.parts.some((p) => p.type === 'task_list')).toBe(true);
    expect(await env.deps().conversations.history(user, 'web', 'h1', 2)).toEqual(history.slice(2));
    expect(await env.deps().conversations.history(user, 'sms', 'h1')).toEqual([]);
    const other = await env.newUser();
    expect(await env.deps().conversations.history(other, 'web', 'h1')).toEqual([]);
  });

  it('rejects malformed input with a clear error and an error event, acting on nothing', async () => {
    const user = await env.newUser();
    const conversation = env.deps().conversations.converse({
      userId: user,
      channel: 'web',
      threadId: 'bad thread id!',
      messageId: 'x',
      message: { text: 'add task: nope' },
    });
    const events = [];
    for await (const event of conversation.events) events.push(event);
    await expect(conversation.reply).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(events).toEqual([{ type: 'error', message: 'That message could not be read.' }]);
    expect(await openTitles(user)).toEqual([]);
  });

  it('keeps SMS replies within two segments and Slack within its budget', async () => {
    const user = await env.newUser();
    for (let i = 0; i < 12; i++)
      await env.say(user, `add task: a rather long task title number ${i} about the garden shed`, {
        channel: 'sms',
      });
    const { reply } = await env.say(user, 'show my tasks', { channel: 'sms' });
    expect(reply.text.length).toBeLessThanOrEqual(320);
    // The SMS channel shows three of these and pages the rest with MORE (test/sms-webhook.int.test.ts).
    expect(partsOf(reply, 'task_list')[0]!.tasks.length).toBeLessThanOrEqual(12);
    const slack = await env.say(user, 'show my tasks', { channel: 'slack' });
    expect(slack.reply.text.length).toBeLessThanOrEqual(3000);
    expect(partsOf(slack.reply, 'task_list')[0]!.tasks.length).toBe(10);
  });
});
