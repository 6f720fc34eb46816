import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listTasks } from '../src/domain/tasks/index.js';
import type { ScriptedOpenAiServer } from './support/scripted-openai-server.js';
import { startScriptedPlannerEnv, type PlannerTestEnv } from './support/planner-env.js';

// The LLM path of issue 15: a model (real ChatOpenAI against a scripted server) can say everything a task request
// holds through create_task, and the tool tells it how ("remind me" → reminders [0], whole days → dueDate, RRULEs).

let server: ScriptedOpenAiServer;
let env: PlannerTestEnv;
beforeAll(async () => {
  ({ server, env } = await startScriptedPlannerEnv({ LLM_API_KEY: 'sk-test-create' }));
});
afterEach(() => server.reset());
afterAll(async () => {
  await env?.close();
  await server?.close();
});

describe('making tasks with an LLM', () => {
  it('stores the repeat rule, the reminder at the due time and an all-day date the model gives, one call per task', async () => {
    const user = await env.newUser('Kai', 'Europe/Berlin');
    server.respondWith((request) => {
      const done = request.messages.filter((m) => m.role === 'tool').length;
      if (done === 0)
        return {
          kind: 'tool_call',
          name: 'create_task',
          args: {
            title: 'Take meds',
            dueAt: '2030-03-11T08:00',
            recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
            reminders: [0],
          },
        };
      if (done === 1)
        return {
          kind: 'tool_call',
          name: 'create_task',
          args: { title: 'Write my thesis', dueDate: '2030-03-31' },
        };
      return { kind: 'text', content: 'Added both. I will remind you at 8 on weekdays.' };
    });
    const { reply } = await env.say(
      user,
      'every weekday at 8 remind me to take meds, and my thesis is due in 3 weeks',
    );
    expect(reply.basicMode).toBe(false);

    const tool = server.chatRequests()[0]!.tools!.find((t) => t.function.name === 'create_task')!;
    const schema = JSON.stringify(tool.function.parameters);
    for (const field of ['reminders', 'recurrence', 'dueDate', 'dueAt'])
      expect(schema).toContain(`"${field}"`);
    expect(tool.function.description).toMatch(/remind me/i);
    expect(tool.function.description).toMatch(/reminders \[0\]/);

    const { items } = await listTasks(env.deps().domain, { userId: user, via: 'system' }, { limit: 10 });
    const byTitle = new Map(items.map((t) => [t.title, t]));
    expect(byTitle.get('Take meds')).toMatchObject({
      dueAt: '2030-03-11T08:00:00.000+01:00',
      allDay: false,
      reminders: [0],
      recurrenceText: expect.stringMatching(/weekday|monday/i),
    });
    expect(byTitle.get('Write my thesis')).toMatchObject({
      dueDate: '2030-03-31',
      allDay: true,
      reminders: [],
    });
  });
});
