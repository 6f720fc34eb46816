import { describe, expect, it } from 'vitest';
import { listTasks } from '../src/domain/tasks/index.js';
import { zoneAtNoon } from './support/clock.js';
import { useScriptedPlannerEnv } from './support/planner-env.js';

// The 1.5B local model's create_task for "remind me to call mom tomorrow at 5pm" (local eval, just after midnight in
// Berlin): due a day early, the time words in the title, no reminder. The task is made as the person said.

const scripted = useScriptedPlannerEnv();

describe("a model's new task, timed by the person's words (real ChatOpenAI, scripted server)", () => {
  it('gets the time the person gave, a title without it, and its reminder', async () => {
    const zone = zoneAtNoon();
    const user = await scripted.env.newUser('Test Person', zone);
    scripted.server.respondWith((request) =>
      request.messages.some((m) => m.role === 'tool')
        ? { kind: 'text', content: "I'll remind you to call mom tomorrow at 5pm." }
        : {
            kind: 'tool_call',
            name: 'create_task',
            args: { title: 'Call mom tomorrow at 5pm', dueAt: '2020-01-01T17:00:00' },
          },
    );
    await scripted.env.say(user, 'remind me to call mom tomorrow at 5pm');
    const [task] = (
      await listTasks(scripted.env.deps().domain, { userId: user, via: 'system' }, { limit: 5 })
    ).items;
    const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('en-CA', { timeZone: zone });
    expect(task).toMatchObject({ title: 'Call mom', reminders: [0] });
    expect(task!.dueAt?.slice(0, 16)).toBe(`${tomorrow}T17:00`);
  });
});

describe("a model's new task the person gave no time (real ChatOpenAI, scripted server)", () => {
  it('is added without the due time and reminder the model made up', async () => {
    const user = await scripted.env.newUser();
    // What the 1.5B local model sent for "add clean out the fridge" in the local eval: due at 10 the next day.
    scripted.server.respondWith((request) =>
      request.messages.some((m) => m.role === 'tool')
        ? { kind: 'text', content: 'Added clean out the fridge.' }
        : {
            kind: 'tool_call',
            name: 'create_task',
            args: { title: 'Clean out the fridge', dueAt: '2026-03-10T10:00:00', reminders: [0] },
          },
    );
    await scripted.env.say(user, 'add clean out the fridge');
    const [task] = (
      await listTasks(scripted.env.deps().domain, { userId: user, via: 'system' }, { limit: 5 })
    ).items;
    expect(task).toMatchObject({ title: 'Clean out the fridge', dueAt: null, dueDate: null, reminders: [] });
  });
});
