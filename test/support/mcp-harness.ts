import type { Client } from '@modelcontextprotocol/client';
import { DateTime } from 'luxon';
import { expect } from 'vitest';
import { tools, type ToolDefinition } from '../../src/tools/index.js';

type CallResult = Awaited<ReturnType<Client['callTool']>>;

/** The registry entry of a tool, by name; fails the test when there is none. */
export const toolNamed = (name: string): ToolDefinition => {
  const tool = tools.find((t) => t.name === name);
  if (!tool) throw new Error(`no tool named ${name} in the registry`);
  return tool;
};

/** Asserts a successful call whose structured result fits the tool's output schema and whose text mirrors it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary result shapes
export const expectOk = (name: string, result: CallResult): any => {
  const text = (result.content as { type: string; text?: string }[] | undefined)?.find(
    (c) => c.type === 'text',
  )?.text;
  expect(result.isError, `${name} failed: ${text}`).toBeFalsy();
  const parsed = toolNamed(name).outputSchema.safeParse(result.structuredContent);
  expect(parsed.success, `${name} result does not match its output schema: ${parsed.error?.message}`).toBe(
    true,
  );
  const structured = result.structuredContent as { items?: { id: string }[] } | undefined;
  if (toolNamed(name).present) {
    // Lists read as one line per item: every item is there by id, and the text is not the JSON again.
    for (const item of structured?.items ?? []) expect(text).toContain(item.id);
    expect(text).not.toContain('{"');
  } else expect(JSON.parse(text ?? 'null')).toEqual(result.structuredContent);
  return result.structuredContent;
};

/** Asserts an `isError` tool result and returns its text (the safe message a model reads). */
export const expectToolError = (result: CallResult): string => {
  expect(result.isError).toBe(true);
  const text = (result.content as { type: string; text?: string }[]).map((c) => c.text ?? '').join('\n');
  expect(text).not.toMatch(/Mongo|stack|at \w+ \(|node_modules|ECONN/i);
  return text;
};

/** Calls a tool and asserts it succeeded with a schema-conforming structured result. */
export const callOk = async (
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<ReturnType<typeof expectOk>> => expectOk(name, await client.callTool({ name, arguments: args }));

/**
 * Calls every tool of the registry at least once, in an order that makes sense to a person (create, then list,
 * then complete...), checking each result. Returns the names called so a test can assert full coverage.
 */
export const tourAllTools = async (client: Client): Promise<Set<string>> => {
  const called = new Set<string>();
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    called.add(name);
    return callOk(client, name, args);
  };

  // Profile and preferences
  const profile = await call('get_profile');
  expect(profile.timezone).toBeTypeOf('string');
  const updated = await call('update_profile', {
    tone: 'playful',
    quietHours: { start: '21:30', end: '07:00' },
  });
  expect(updated.preferences).toMatchObject({
    tone: 'playful',
    quietHours: { start: '21:30', end: '07:00' },
  });
  const today = DateTime.now().setZone(profile.timezone);
  const day = (offset: number) => today.plus({ days: offset }).toISODate()!;

  // Tasks, steps, recurrence and reminders
  const thesis = await call('create_task', {
    title: 'Write the thesis intro',
    priority: 'high',
    dueAt: `${day(1)}T09:00`,
    estimateMinutes: 50,
    tags: ['Thesis', '#deep work'],
    reminders: ['15m', 60],
  });
  expect(thesis).toMatchObject({
    title: 'Write the thesis intro',
    tags: ['thesis', 'deep-work'],
    reminders: [15, 60],
  });
  const open = await call('create_task', {
    title: 'Open the document',
    parentId: thesis.id,
    estimateMinutes: 2,
  });
  const sentence = await call('create_task', { title: 'Write one sentence', parentId: thesis.id });
  expect(open.parentId).toBe(thesis.id);
  const meds = await call('create_task', {
    title: 'Take meds',
    dueAt: `${day(0)}T08:00`,
    recurrence: 'FREQ=DAILY',
  });
  expect(meds.recurrenceText).toBeTruthy();
  const bill = await call('create_task', {
    title: 'Pay the phone bill',
    dueDate: day(-3),
    priority: 'urgent',
  });

  const listed = await call('list_tasks', { topLevel: true });
  expect(listed.items.map((t: { id: string }) => t.id)).toEqual(
    expect.arrayContaining([thesis.id, meds.id, bill.id]),
  );
  expect(listed.total).toBe(listed.items.length);
  expect(listed.items.find((t: { id: string }) => t.id === meds.id)).not.toHaveProperty('parentId'); // no empty fields
  const steps = await call('list_tasks', { parentId: thesis.id });
  expect(steps.items.map((t: { id: string }) => t.id)).toEqual([open.id, sentence.id]);
  const detail = await call('get_task', { taskId: thesis.id });
  expect(detail.subtasks).toEqual({ total: 2, done: 0 });
  expect(detail.steps.items).toHaveLength(2);
  expect((await call('update_task', { taskId: thesis.id, changes: { priority: 'urgent' } })).priority).toBe(
    'urgent',
  );
  const reordered = await call('reorder_subtasks', { parentId: thesis.id, ids: [sentence.id, open.id] });
  expect(reordered.items.map((t: { id: string }) => t.id)).toEqual([sentence.id, open.id]);

  const done = await call('complete_task', { taskId: open.id });
  expect(done.task.status).toBe('done');
  expect(done.celebration.pointsAwarded).toBeGreaterThan(0);
  expect(done.message).toBeTruthy();
  const again = await call('complete_task', { taskId: open.id });
  expect(again.alreadyDone).toBe(true);
  expect(again.celebration.pointsAwarded).toBe(0);
  const medsDone = await call('complete_task', { taskId: meds.id });
  expect(medsDone.nextOccurrence?.title).toBe('Take meds');
  expect((await call('reopen_task', { taskId: open.id })).status).toBe('todo');
  const deleted = await call('delete_task', { taskId: sentence.id });
  expect(deleted.task.id).toBe(sentence.id);
  expect((await call('restore_task', { taskId: sentence.id })).task.id).toBe(sentence.id);
  const dump = await call('create_tasks', {
    tasks: [{ title: 'Call mum' }, { title: 'Pay rent', dueDate: day(2), reminders: [0] }],
  });
  expect(dump.items.map((t: { title: string }) => t.title)).toEqual(['Call mum', 'Pay rent']);
  const fresh = await call('fresh_start', { action: 'reschedule', perDay: 2 });
  expect(fresh.taskIds).toContain(bill.id);

  // Conversation flows: what now, start mode, snooze, evening review
  const next = await call('suggest_next_task', { availableMinutes: 30, energy: 2, mood: 3 });
  expect(next.task).not.toBeNull();
  expect(next.reason).toBeTruthy();
  expect(next.firstStep.title).toBeTruthy();
  const started = await call('start_task', { taskId: thesis.id, checkbackMinutes: 10 });
  expect(started.firstStep.source).toBe('subtask');
  expect(['Write one sentence', 'Open the document']).toContain(started.firstStep.title);
  expect(started.checkbackAt > new Date().toISOString()).toBe(true);
  expect((await call('snooze_task', { taskId: thesis.id, minutes: 30 })).taskId).toBe(thesis.id);
  expect((await call('review_day')).completed.count).toBeGreaterThanOrEqual(1); // the meds, done above

  // Mood and patterns
  const mood = await call('log_mood', { mood: 4, energy: 2, note: 'tired but ok', tags: ['afternoon'] });
  expect(mood).toMatchObject({ mood: 4, energy: 2 });
  expect((await call('list_moods')).items.map((m: { id: string }) => m.id)).toContain(mood.id);
  expect((await call('get_mood_patterns', { days: 30 })).overall.count).toBe(1);

  // Points, streak, rewards
  const points = await call('get_points', { limit: 5 });
  expect(points.balance).toBeGreaterThan(0);
  expect(points.history.length).toBeLessThanOrEqual(5);
  expect(points.streak.current).toBeGreaterThanOrEqual(1);
  const coffee = await call('create_reward', { title: 'Fancy coffee', cost: 1 });
  expect((await call('list_rewards')).items.map((r: { id: string }) => r.id)).toContain(coffee.id);
  expect((await call('update_reward', { id: coffee.id, description: 'the good one' })).description).toBe(
    'the good one',
  );
  const redeemed = await call('redeem_reward', { id: coffee.id });
  expect(redeemed.balance).toBe(points.balance - 1);
  expect((await call('list_redemptions')).items[0].rewardId).toBe(coffee.id);
  expect((await call('update_reward', { id: coffee.id, status: 'archived' })).status).toBe('archived');

  // Focus sessions
  const block = await call('start_focus_session', { taskId: thesis.id, plannedMinutes: 15, label: 'intro' });
  expect(block.status).toBe('active');
  expect((await call('list_focus_sessions')).active.id).toBe(block.id);
  const ended = await call('end_focus_session', { id: block.id });
  expect(ended.session.status).toBe('completed');
  expect(ended.celebration).not.toBeNull();
  const second = await call('start_focus_session', { plannedMinutes: 5 });
  const stopped = await call('end_focus_session', { outcome: 'stopped' }); // the running one
  expect(stopped.session).toMatchObject({ id: second.id, status: 'stopped' });
  const sessions = await call('list_focus_sessions');
  expect(sessions).toMatchObject({ active: null, count: 2 });

  // Assistant chains (basic mode here: the test app has no LLM configured)
  const garage = await call('create_task', { title: 'Clean the garage' });
  const suggested = (await call('break_down_task', { taskId: garage.id, granularity: 4 })).breakdown;
  expect(suggested.steps[0].minutes).toBeLessThanOrEqual(2);
  const accepted = suggested.steps
    .slice(0, 2)
    .map((s: { title: string; minutes: number }) => ({ title: s.title, minutes: s.minutes }));
  expect((await call('break_down_task', { taskId: garage.id, steps: accepted })).saved.created).toHaveLength(
    2,
  );
  expect((await call('analyze_task', { taskId: garage.id })).task.id).toBe(garage.id);
  expect((await call('get_motivation', { taskId: garage.id })).message).toBeTypeOf('string');
  const proof = await call('validate_proof', {
    taskId: garage.id,
    evidence: { kind: 'text', text: 'Swept the garage floor and sorted the shelves' },
  });
  expect(proof.points.awarded).toBeGreaterThan(0);
  expect((await call('plan_day')).blocks.length).toBeGreaterThan(0);
  const remembered = await call('remember', {
    text: 'Body doubling on a video call helps them start',
    kind: 'what_helped',
  });
  expect(remembered.isNew).toBe(true);
  expect(
    (await call('recall', { query: 'what helps them start' })).memories.map((m: { id: string }) => m.id),
  ).toContain(remembered.memory.id);
  expect((await call('list_memories', {})).total).toBeGreaterThan(0);
  expect((await call('forget', { ids: [remembered.memory.id] })).forgotten).toContain(remembered.memory.id);

  return called;
};
