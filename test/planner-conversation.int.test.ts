import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReward } from '../src/domain/gamification/index.js';
import { completeTask, createTask, getTask } from '../src/domain/tasks/index.js';
import { partsOf, startPlannerEnv, type PlannerTestEnv, type Turn } from './support/planner-env.js';

// Issue 15: everything that is not making a task, in basic mode, checked by the end state in the database and
// by the reply a person reads.

let env: PlannerTestEnv;
beforeAll(async () => {
  env = await startPlannerEnv();
});
afterAll(async () => {
  await env?.close();
});

const system = (userId: string) => ({ userId, via: 'system' as const });
const db = () => env.deps().database.db;
const count = (collection: string, userId: string) => db().collection(collection).countDocuments({ userId });
const longTermMemories = (userId: string) =>
  db().collection('memories').countDocuments({ userId, tier: 'long_term' });
const liveTasks = (userId: string) =>
  db()
    .collection<{ title: string; status: string; parentId?: string | null; deletedAt?: Date | null }>('tasks')
    .find({ userId, deletedAt: null })
    .toArray();
const toolsUsed = (turn: Turn) =>
  turn.events.flatMap((e) => (e.type === 'tool' && e.status === 'finished' ? [e.name] : []));
const NOT_UNDERSTOOD = /not sure what you mean|I can add tasks/i;
const HELP_MENU = /Try: "remind me/;
const yesNo = (turn: Turn) =>
  partsOf(turn.reply, 'choices').filter((c) => c.choices.some((x) => x.action.type === 'confirm'));

describe('basic mode: feelings, self-criticism and chatter get warmth, never a task or the menu', () => {
  it('"I have a lot to do today and I\'m overwhelmed": warm reply, a low mood logged, one small step offered', async () => {
    const user = await env.newUser();
    await createTask(env.deps().domain, system(user), { title: 'Reply to Sam', estimateMinutes: 5 });
    const turn = await env.say(user, "I have a lot to do today and I'm overwhelmed");
    expect(turn.reply.text).not.toMatch(NOT_UNDERSTOOD);
    expect(turn.reply.text).not.toMatch(HELP_MENU);
    expect(turn.reply.text).toMatch(/a lot|overwhelm/i);
    expect(turn.reply.text).toMatch(/Reply to Sam/);
    expect((await liveTasks(user)).map((t) => t.title)).toEqual(['Reply to Sam']);
    const moods = await db().collection('mood_logs').find({ userId: user }).toArray();
    expect(moods).toHaveLength(1);
    expect(moods[0]!.mood).toBeLessThanOrEqual(2);
  });

  it('"I failed again, I\'m useless": kind and non-judgmental, no task', async () => {
    const user = await env.newUser();
    const turn = await env.say(user, "I failed again, I'm useless");
    expect(turn.reply.text).not.toMatch(NOT_UNDERSTOOD);
    expect(turn.reply.text).not.toMatch(/lazy|should have|overdue/i);
    expect(turn.reply.text).toMatch(/not useless|kind|hard/i);
    expect(await liveTasks(user)).toEqual([]);
  });

  it('"thanks, goodnight": a warm sign-off that changes nothing', async () => {
    const user = await env.newUser();
    const turn = await env.say(user, 'thanks, goodnight');
    expect(turn.reply.text).toMatch(/night|rest|sleep/i);
    expect(turn.reply.text).not.toMatch(NOT_UNDERSTOOD);
    expect(toolsUsed(turn)).toEqual([]);
    expect(await liveTasks(user)).toEqual([]);
    expect(await count('mood_logs', user)).toBe(0);
  });

  it('"how did I do today?": a review of today, no task', async () => {
    const user = await env.newUser();
    const domain = env.deps().domain;
    const done = await createTask(domain, system(user), { title: 'Water the plants' });
    await completeTask(domain, system(user), done.id);
    const turn = await env.say(user, 'how did I do today?');
    expect(toolsUsed(turn)).toEqual(['review_day']);
    expect(partsOf(turn.reply, 'task_list')[0]?.tasks.map((t) => t.title)).toEqual(['Water the plants']);
    expect((await liveTasks(user)).map((t) => t.title)).toEqual(['Water the plants']);
  });

  it('answers what it cannot read with one short question, not its feature list', async () => {
    const user = await env.newUser();
    const turn = await env.say(user, 'purple monkey dishwasher');
    expect(turn.reply.text).not.toMatch(NOT_UNDERSTOOD);
    expect(turn.reply.text).not.toMatch(HELP_MENU);
    expect(turn.reply.text.match(/\?/g)).toHaveLength(1);
    expect(await liveTasks(user)).toEqual([]);
  });
});

describe('basic mode: breaking down and references', () => {
  it('"help me break down cleaning the garage" with no such task: adds it and saves small steps', async () => {
    const user = await env.newUser();
    const turn = await env.say(user, 'help me break down cleaning the garage');
    expect(turn.reply.text).not.toMatch(/couldn't find/i);
    expect(turn.reply.text).toMatch(/1\. /);
    const tasks = await liveTasks(user);
    const parent = tasks.find((t) => !t.parentId);
    expect(parent?.title).toMatch(/^clean(?:ing)? the garage$/i);
    expect(tasks.filter((t) => t.parentId).length).toBeGreaterThanOrEqual(2);
    // "the first step" is the first open step of the task just talked about
    const first = await env.say(user, 'done with the first step');
    expect(partsOf(first.reply, 'celebration')).toHaveLength(1);
    const after = await liveTasks(user);
    expect(after.filter((t) => t.parentId && t.status === 'done')).toHaveLength(1);
    expect(after.find((t) => !t.parentId)?.status).not.toBe('done');
  });

  it('"the tax thing" finds a task by part of its title; "it" is the task just suggested', async () => {
    const user = await env.newUser();
    const domain = env.deps().domain;
    await createTask(domain, system(user), { title: 'File the tax return', estimateMinutes: 60 });
    const turn = await env.say(user, 'break down the tax thing');
    expect(turn.reply.text).toMatch(/File the tax return/);
    const only = await env.newUser();
    await createTask(domain, system(only), { title: 'Book the vet', estimateMinutes: 5 });
    await createTask(domain, system(only), { title: 'Sort the mail', estimateMinutes: 5 });
    const suggested = await env.say(only, 'what should I do now?');
    const title = partsOf(suggested.reply, 'task_list')[0]!.tasks[0]!.title;
    const broken = await env.say(only, 'break it down');
    expect(broken.reply.text).toContain(title);
  });
});

describe('basic mode: changing tasks from chat, with a yes only for destructive changes', () => {
  it('"move tax return to next monday" reschedules without asking', async () => {
    const user = await env.newUser('Tess', 'America/New_York');
    const task = await createTask(env.deps().domain, system(user), { title: 'Tax return' });
    const turn = await env.say(user, 'move tax return to next monday');
    expect(yesNo(turn)).toEqual([]);
    const saved = await getTask(env.deps().domain, system(user), task.id);
    expect(saved.dueDate ?? saved.dueAt).not.toBeNull();
    const due = String(saved.dueDate ?? saved.dueAt);
    const weekday = new Date(`${due.slice(0, 10)}T12:00:00Z`).getUTCDay();
    expect(weekday).toBe(1);
    expect(turn.reply.text).toMatch(/Tax return/);
  });

  it('"delete pay rent" asks one yes/no, then deletes', async () => {
    const user = await env.newUser();
    await createTask(env.deps().domain, system(user), { title: 'Pay rent' });
    const asked = await env.say(user, 'delete pay rent');
    expect(yesNo(asked)).toHaveLength(1);
    expect(yesNo(asked)[0]!.prompt).toMatch(/Pay rent/);
    expect((await liveTasks(user)).map((t) => t.title)).toEqual(['Pay rent']);
    await env.say(user, 'yes');
    expect(await liveTasks(user)).toEqual([]);
  });

  it('"rename X to Y" renames; "reopen X" brings a finished task back', async () => {
    const user = await env.newUser();
    const domain = env.deps().domain;
    await createTask(domain, system(user), { title: 'Buy milk' });
    const renamed = await env.say(user, 'rename buy milk to buy oat milk');
    expect(yesNo(renamed)).toEqual([]);
    expect((await liveTasks(user)).map((t) => t.title)).toEqual(['Buy oat milk']);
    const done = await createTask(domain, system(user), { title: 'Fold the laundry' });
    await completeTask(domain, system(user), done.id);
    const reopened = await env.say(user, 'reopen fold the laundry');
    expect(reopened.reply.text).toMatch(/Fold the laundry/);
    expect((await getTask(domain, system(user), done.id)).status).toBe('todo');
  });
});

describe('basic mode: what now, recall, focus, rewards, proof', () => {
  it('"i have 15 minutes, what\'s something quick" suggests a short task and creates nothing', async () => {
    const user = await env.newUser();
    const domain = env.deps().domain;
    await createTask(domain, system(user), { title: 'Write the report', estimateMinutes: 120 });
    await createTask(domain, system(user), { title: 'Reply to Sam', estimateMinutes: 10 });
    const turn = await env.say(user, "i have 15 minutes, what's something quick");
    expect(toolsUsed(turn)).toEqual(['suggest_next_task']);
    expect(partsOf(turn.reply, 'task_list')[0]!.tasks[0]!.title).toBe('Reply to Sam');
    expect(await liveTasks(user)).toHaveLength(2);
  });

  it('"low energy rn, anything easy?" suggests something light', async () => {
    const user = await env.newUser();
    const domain = env.deps().domain;
    await createTask(domain, system(user), {
      title: 'Deep clean the oven',
      estimateMinutes: 90,
      energy: 'high',
    });
    await createTask(domain, system(user), { title: 'Water the plants', estimateMinutes: 5, energy: 'low' });
    const turn = await env.say(user, 'low energy rn, anything easy?');
    expect(toolsUsed(turn)).toContain('suggest_next_task');
    expect(partsOf(turn.reply, 'task_list')[0]!.tasks[0]!.title).toBe('Water the plants');
    expect(await liveTasks(user)).toHaveLength(2);
  });

  it('answers recall questions from memory without storing or logging anything', async () => {
    const user = await env.newUser();
    await env.say(user, 'remember that I work best in the mornings');
    expect(await longTermMemories(user)).toBe(1);
    const best = await env.say(user, 'when do I work best?');
    expect(best.reply.text).toMatch(/mornings/);
    const about = await env.say(user, 'what do you remember about me?');
    expect(about.reply.text).toMatch(/mornings/);
    expect(await longTermMemories(user)).toBe(1);
    const feeling = await env.say(user, 'how have I been feeling?');
    expect(toolsUsed(feeling)).toEqual(['get_mood_patterns']);
    expect(await count('mood_logs', user)).toBe(0);
    expect(feeling.reply.text).not.toMatch(NOT_UNDERSTOOD);
  });

  it('"start a 25 minute focus session" starts a 25-minute focus session', async () => {
    const user = await env.newUser();
    const turn = await env.say(user, 'start a 25 minute focus session');
    const sessions = await db().collection('focus_sessions').find({ userId: user }).toArray();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.plannedMinutes).toBe(25);
    expect(turn.reply.text).toMatch(/25/);
  });

  it('"what rewards can I get?" lists the reward store', async () => {
    const user = await env.newUser();
    await createReward(env.deps().domain, system(user), { title: 'Fancy coffee', cost: 50 });
    const turn = await env.say(user, 'what rewards can I get?');
    expect(turn.reply.text).toMatch(/Fancy coffee \(50 points\)/);
    expect(await count('redemptions', user)).toBe(0);
  });

  it('shows the proof verdict in chat, and an approved proof completes the task', async () => {
    const user = await env.newUser();
    const task = await createTask(env.deps().domain, system(user), { title: 'Submit expense report' });
    const turn = await env.say(user, {
      proof: {
        taskId: task.id,
        text: 'Submitted the Q3 expense report in Concur at 4pm with 12 receipts, confirmation #48213',
      },
    });
    expect(turn.reply.text).toMatch(/approved|looks done|great evidence/i);
    expect((await getTask(env.deps().domain, system(user), task.id)).status).toBe('done');
    const thin = await createTask(env.deps().domain, system(user), { title: 'Clean the kitchen' });
    const more = await env.say(user, { proof: { taskId: thin.id, text: 'done' } });
    expect(more.reply.text).toMatch(/\?/);
    expect((await getTask(env.deps().domain, system(user), thin.id)).status).toBe('todo');
  });
});
