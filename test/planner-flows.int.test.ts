import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { completeTask, createTask, listTasks } from '../src/domain/tasks/index.js';
import {
  startScriptedOpenAiServer,
  type ChatRequest,
  type ScriptedOpenAiServer,
} from './support/scripted-openai-server.js';
import { partsOf, startPlannerEnv, type PlannerTestEnv } from './support/planner-env.js';

let offline: PlannerTestEnv;
let llm: PlannerTestEnv;
let server: ScriptedOpenAiServer;
beforeAll(async () => {
  server = await startScriptedOpenAiServer();
  [offline, llm] = await Promise.all([
    startPlannerEnv(),
    startPlannerEnv({
      LLM_BASE_URL: server.baseUrl,
      LLM_MODEL: 'scripted-model',
      LLM_TIMEOUT_MS: '3000',
      LLM_MAX_RETRIES: '0',
    }),
  ]);
});
afterEach(() => server.reset());
afterAll(async () => {
  await offline?.close();
  await llm?.close();
  await server?.close();
});

const system = (userId: string) => ({ userId, via: 'system' as const });
const toolCount = (request: ChatRequest) => request.messages.filter((m) => m.role === 'tool').length;

/** Scripts the model: first the given tool call, then a short closing sentence. */
const scriptOneTool = (name: string, args: Record<string, unknown>, closing: string) =>
  server.respondWith((request) =>
    toolCount(request) === 0 ? { kind: 'tool_call', name, args } : { kind: 'text', content: closing },
  );

/** A person with a long task, a short one, a steps-first one and one due today. */
const seed = async (env: PlannerTestEnv) => {
  const user = await env.newUser();
  const domain = env.deps().domain;
  const long = await createTask(domain, system(user), {
    title: 'Write the quarterly report',
    estimateMinutes: 120,
    energy: 'high',
  });
  const short = await createTask(domain, system(user), {
    title: 'Reply to Sam',
    estimateMinutes: 10,
    energy: 'low',
  });
  const taxes = await createTask(domain, system(user), { title: 'Do the tax return', estimateMinutes: 90 });
  const vet = await createTask(domain, system(user), {
    title: 'Book the vet',
    estimateMinutes: 5,
    priority: 'high',
  });
  await createTask(domain, system(user), { title: 'Clean the fridge', estimateMinutes: 30 });
  return { user, long, short, taxes, vet };
};

describe.each([
  ['basic mode', () => offline, false],
  ['scripted LLM', () => llm, true],
] as const)('ADHD flows (%s)', (_label, envOf, scripted) => {
  it('"what should I do now?" picks ONE task that fits the time and energy, with its first step', async () => {
    const env = envOf();
    const { user, short, vet } = await seed(env);
    if (scripted)
      scriptOneTool('suggest_next_task', { availableMinutes: 15, energy: 2 }, 'Just this one, nothing else.');
    const { reply } = await env.say(user, "what should I do now? I've got 15 minutes and I'm tired");
    const [one] = partsOf(reply, 'task_list');
    expect(one!.tasks).toHaveLength(1);
    expect(one!.tasks[0]!.estimateMinutes).toBeLessThanOrEqual(15);
    expect([short.id, vet.id]).toContain(one!.tasks[0]!.id);
    const buttons = partsOf(reply, 'choices')[0]!.choices.map((c) => c.action.type);
    expect(buttons).toEqual(['start_task', 'complete_task', 'snooze_task']);
    if (!scripted) expect(reply.text).toMatch(/first tiny step/i);
    else expect(reply.parts[0]).toEqual({ type: 'text', text: 'Just this one, nothing else.' });
  });

  it('start mode offers only the first two-minute step and checks back', async () => {
    const env = envOf();
    const { user, taxes } = await seed(env);
    if (scripted)
      scriptOneTool('start_task', { taskId: taxes.id }, "Only that first step. I'll check in soon.");
    const { reply } = await env.say(user, 'start the tax return');
    const [step] = partsOf(reply, 'choices');
    expect(step!.prompt).toMatch(/^First step: /);
    expect(step!.choices.map((c) => c.label)).toEqual(['Did it', 'Smaller steps', 'Not now']);
    expect(step!.choices[2]!.action).toEqual({ type: 'snooze_task', taskId: taxes.id, minutes: 30 });
    if (scripted) {
      // The breakdown chain asks the model too (for the first step); the planner's round is the one with our result.
      const shown = server
        .chatRequests()
        .flatMap((r) => r.messages.filter((m) => m.role === 'tool').map((m) => String(m.content)))
        .find((c) => c.startsWith('<tool_result name="start_task"'))!;
      expect(
        JSON.parse(/ note="[^"]*">([\s\S]*)<\/tool_result>$/.exec(shown)![1]!).firstStep.minutes,
      ).toBeLessThanOrEqual(2);
    } else {
      expect(reply.text).toMatch(/^Just this one step: .+ I'll check back in 5 minutes\./s);
    }
  });

  it('plan my day keeps at most three priorities', async () => {
    const env = envOf();
    const { user } = await seed(env);
    if (scripted) scriptOneTool('plan_day', {}, 'Three things at most today. The rest can wait, guilt-free.');
    const { reply } = await env.say(user, 'plan my day');
    const [top] = partsOf(reply, 'task_list');
    expect(top!.title).toBe('Top priorities');
    expect(top!.tasks.length).toBeGreaterThan(0);
    expect(top!.tasks.length).toBeLessThanOrEqual(3);
  });

  it('evening review shows what got done today, kindly', async () => {
    const env = envOf();
    const { user, short } = await seed(env);
    await completeTask(env.deps().domain, system(user), short.id);
    if (scripted) scriptOneTool('review_day', {}, 'You replied to Sam today. That counts!');
    const { reply } = await env.say(user, 'evening review');
    const [done] = partsOf(reply, 'task_list');
    expect(done!.title).toBe('Done today');
    expect(done!.tasks.map((t) => t.id)).toEqual([short.id]);
    expect(reply.text).not.toMatch(/failed|behind|overdue!/i);
  });

  it('a fresh start after days away triages the overdue pile after a yes', async () => {
    const env = envOf();
    const user = await env.newUser();
    const domain = env.deps().domain;
    for (const day of ['2020-03-01', '2020-03-02', '2020-03-03', '2020-03-04']) {
      await createTask(domain, system(user), { title: `Old thing from ${day}`, dueDate: day });
    }
    if (scripted)
      scriptOneTool(
        'fresh_start',
        { action: 'reschedule', perDay: 2 },
        'Welcome back! Confirm and we start fresh.',
      );
    const asked = await env.say(user, "I'm back after a week away");
    const confirm = partsOf(asked.reply, 'choices')[0]!.choices.find((c) => c.action.type === 'confirm')!;
    expect((await listTasks(domain, system(user), { overdue: true, limit: 10 })).items).toHaveLength(4);
    const done = await env.say(user, { action: confirm.action });
    expect(done.reply.text).not.toMatch(/overdue!|late|fail/i);
    expect((await listTasks(domain, system(user), { overdue: true, limit: 10 })).items).toHaveLength(0);
  });

  it('completing a task celebrates with points and streak', async () => {
    const env = envOf();
    const { user, short } = await seed(env);
    if (scripted) scriptOneTool('complete_task', { taskId: short.id }, 'Sam has his answer. Nice!');
    const { reply } = await env.say(user, 'finished reply to Sam');
    const [celebration] = partsOf(reply, 'celebration');
    expect(celebration!.pointsAwarded).toBeGreaterThan(0);
    expect(celebration!.streakDays).toBe(1);
  });
});
