import { describe, expect, it } from 'vitest';
import { createTask, getTask, listTasks } from '../src/domain/tasks/index.js';
import { zoneAtNoon } from './support/clock.js';
import { useScriptedPlannerEnv } from './support/planner-env.js';

// A small local model (Qwen2.5-Coder-1.5B, measured in the local-model bench) answered "add buy milk" with
// "I created a task to buy milk." and no tool call: nothing was added. The rules now make the change it claimed,
// and their sentences are the reply: the model's words are held back until it is known they were only a claim (to
// "I'm feeling really tired today" it wrote "I recorded my mood as 3 (okay) and energy as 3 (steady) at
// 2026-12-06T23:30:22.380Z." twice, while the rules logged energy 2).

const scripted = useScriptedPlannerEnv();

const titles = async (userId: string) =>
  (await listTasks(scripted.env.deps().domain, { userId, via: 'system' }, { limit: 10 })).items.map(
    (t) => t.title,
  );

describe('a model that claims a change without making it (real ChatOpenAI, scripted server)', () => {
  it('makes the change it claimed, says so in its own words only, and asks the model nothing more', async () => {
    const user = await scripted.env.newUser();
    scripted.server.respondWith(() => ({ kind: 'text', content: 'I created a task to buy milk.' }));
    const { reply, events } = await scripted.env.say(user, 'add buy milk');
    expect(await titles(user)).toEqual(['Buy milk']);
    expect(reply.basicMode).toBe(false);
    expect(reply.text).toMatch(/^Added “Buy milk”/);
    expect(reply.text).not.toContain('I created');
    // Nothing of the claim reached the person while it streamed: the rules' sentence did (the list follows).
    const streamed = events.flatMap((e) => (e.type === 'text-delta' ? [e.delta] : [])).join('');
    expect(streamed).toBe('Added “Buy milk”.');
    expect(scripted.server.chatRequests()).toHaveLength(1);
  });

  it('still streams the words of a model that made the call', async () => {
    const user = await scripted.env.newUser();
    scripted.server.respondWith((request) =>
      request.messages.some((m) => m.role === 'tool')
        ? { kind: 'text', content: 'Added it: buy milk. Nice and small.' }
        : { kind: 'tool_call', name: 'create_task', args: { title: 'Buy milk' } },
    );
    const { reply, events } = await scripted.env.say(user, 'add buy milk');
    expect(await titles(user)).toEqual(['Buy milk']);
    expect(reply.text).toMatch(/^Added it: buy milk\. Nice and small\./);
    const streamed = events.flatMap((e) => (e.type === 'text-delta' ? [e.delta] : [])).join('');
    expect(streamed).toBe('Added it: buy milk. Nice and small.');
  });

  it('makes the change when the model only said the request back', async () => {
    const user = await scripted.env.newUser();
    scripted.server.respondWith(() => ({
      kind: 'text',
      content: "Don't let me forget the dentist on Friday (15 min)",
    }));
    const { reply } = await scripted.env.say(user, "don't let me forget the dentist on friday");
    expect(await titles(user)).toEqual(['The dentist']);
    expect(reply.text).not.toContain('(15 min)');
    expect(scripted.server.chatRequests()).toHaveLength(1);
  });

  it('makes the change when the model only talked: no call, no question', async () => {
    const user = await scripted.env.newUser();
    const system = { userId: user, via: 'system' as const };
    const milk = await createTask(scripted.env.deps().domain, system, { title: 'Buy milk' });
    // What the 1.5B local model answered "ok done with that" with after suggesting a task.
    scripted.server.respondWith(() => ({ kind: 'text', content: "Great! Let's move on to the next task." }));
    const { reply } = await scripted.env.say(user, 'done with buy milk');
    expect((await getTask(scripted.env.deps().domain, system, milk.id)).status).toBe('done');
    expect(reply.text).not.toContain("Let's move on");
    expect(scripted.server.chatRequests()).toHaveLength(1);
  });

  it('leaves kind words about a feeling alone', async () => {
    const user = await scripted.env.newUser();
    scripted.server.respondWith(() => ({ kind: 'text', content: 'Rest counts too. Go gently today.' }));
    const { reply } = await scripted.env.say(user, "I'm feeling really tired today");
    expect(reply.text).toBe('Rest counts too. Go gently today.');
  });

  it('leaves a question alone', async () => {
    const user = await scripted.env.newUser();
    scripted.server.respondWith(() => ({
      kind: 'text',
      content: 'Do you want me to add buy milk for today?',
    }));
    const { reply, events } = await scripted.env.say(user, 'add buy milk');
    expect(reply.text).toBe('Do you want me to add buy milk for today?');
    const streamed = events.flatMap((e) => (e.type === 'text-delta' ? [e.delta] : [])).join('');
    expect(streamed).toBe(reply.text);
    expect(await titles(user)).toEqual([]);
  });

  it('acts only on a message the rules read as that change', async () => {
    const user = await scripted.env.newUser();
    scripted.server.respondWith(() => ({ kind: 'text', content: "I've added that. Anything else?" }));
    await scripted.env.say(user, 'thanks, that was helpful!');
    expect(await titles(user)).toEqual([]);
  });
});

describe('a model that calls a tool on a task id it never read (real ChatOpenAI, scripted server)', () => {
  const system = (userId: string) => ({ userId, via: 'system' as const });

  it('has the change the person asked for made by the rules instead, in their words', async () => {
    const user = await scripted.env.newUser();
    const milk = await createTask(scripted.env.deps().domain, system(user), { title: 'Buy milk' });
    // What the 1.5B local model sent for "done with buy milk" in the local bench.
    scripted.server.respondWith(() => ({
      kind: 'tool_call',
      name: 'complete_task',
      args: { taskId: 'task_1234567890' },
    }));
    const { reply } = await scripted.env.say(user, 'done with buy milk');
    expect((await getTask(scripted.env.deps().domain, system(user), milk.id)).status).toBe('done');
    expect(reply.text).not.toMatch(/couldn.t find/i);
    expect(scripted.server.chatRequests()).toHaveLength(1);
  });

  it('a delete by name on a made-up id asks about the task the person named, and "yes" deletes it', async () => {
    const user = await scripted.env.newUser();
    const rent = await createTask(scripted.env.deps().domain, system(user), { title: 'Pay rent' });
    await createTask(scripted.env.deps().domain, system(user), { title: 'Buy stamps' });
    // The 1.5B local model's call in the local eval; the person was asked "Delete this task?", said yes, and
    // read "I couldn't find that task".
    scripted.server.respondWith(() => ({
      kind: 'tool_call',
      name: 'delete_task',
      args: { taskId: 'task_8x2k4m9q1w3e5r7t' },
    }));
    const { reply } = await scripted.env.say(user, 'delete pay rent');
    expect(JSON.stringify(reply.parts)).toContain('Pay rent');
    await scripted.env.say(user, 'yes');
    const left = await listTasks(scripted.env.deps().domain, system(user), { limit: 10 });
    expect(left.items.map((t) => t.title)).toEqual(['Buy stamps']);
    expect(rent.id).not.toBe('task_8x2k4m9q1w3e5r7t');
  });

  it('does not make a later call on an id it never read, and answers from what was done', async () => {
    const user = await scripted.env.newUser();
    // The 1.5B local model's turn for "I failed again, I'm useless": an empty list, then a task it made up.
    scripted.server.respondWith((request) => {
      const results = request.messages.filter((m) => m.role === 'tool').length;
      if (results === 0) return { kind: 'tool_call', name: 'list_tasks', args: {} };
      if (results === 1)
        return { kind: 'tool_call', name: 'start_task', args: { taskId: 'task_1234567890' } };
      return { kind: 'text', content: 'unexpected third call' };
    });
    const { reply, events } = await scripted.env.say(user, "I failed again, I'm useless");
    expect(events.filter((e) => e.type === 'tool').map((e) => e.type === 'tool' && e.name)).not.toContain(
      'start_task',
    );
    expect(reply.text).not.toMatch(/couldn.t find/i);
    expect(scripted.server.chatRequests()).toHaveLength(2);
  });

  it('leaves a call on an id the model read alone, even one that is not there any more', async () => {
    const user = await scripted.env.newUser();
    const milk = await createTask(scripted.env.deps().domain, system(user), { title: 'Buy milk' });
    const gone = 'task_gonegonegonegone';
    scripted.server.respondWith((request) =>
      request.messages.some((m) => m.role === 'tool')
        ? { kind: 'text', content: 'I could not find that one.' }
        : { kind: 'tool_call', name: 'complete_task', args: { taskId: gone } },
    );
    // The id is in what the model read (the person pasted it), so the call is the model's own to make.
    const { reply } = await scripted.env.say(user, `done with buy milk (${gone})`);
    expect((await getTask(scripted.env.deps().domain, system(user), milk.id)).status).toBe('todo');
    expect(reply.text).toBe('I could not find that one.');
  });
});

describe('a model that adds tasks instead of what was asked (real ChatOpenAI, scripted server)', () => {
  const system = (userId: string) => ({ userId, via: 'system' as const });
  const tasksOf = async (userId: string) =>
    (await listTasks(scripted.env.deps().domain, system(userId), { limit: 10 })).items;
  const tomorrow = (zone: string) =>
    new Date(Date.now() + 86_400_000).toLocaleDateString('en-CA', { timeZone: zone });

  it('moves the task the person asked to move, instead of adding one named after the request', async () => {
    const zone = zoneAtNoon();
    const user = await scripted.env.newUser('Test Person', zone);
    const stairs = await createTask(scripted.env.deps().domain, system(user), { title: 'Vacuum the stairs' });
    // What the 1.5B local model sent in the local eval.
    scripted.server.respondWith(() => ({
      kind: 'tool_call',
      name: 'create_task',
      args: { title: 'Push vacuum the stairs to tomorrow morning at 9', dueAt: '2026-03-11T05:00:00' },
    }));
    await scripted.env.say(user, 'push vacuum the stairs to tomorrow morning at 9');
    const tasks = await tasksOf(user);
    expect(tasks.map((t) => t.title)).toEqual(['Vacuum the stairs']);
    expect((await getTask(scripted.env.deps().domain, system(user), stairs.id)).dueAt?.slice(0, 16)).toBe(
      `${tomorrow(zone)}T09:00`,
    );
    expect(scripted.server.chatRequests()).toHaveLength(1);
  });

  it('adds every task the message names when the model made them one', async () => {
    const zone = zoneAtNoon();
    const user = await scripted.env.newUser('Test Person', zone);
    scripted.server.respondWith(() => ({
      kind: 'tool_call',
      name: 'create_task',
      args: { title: 'Dentist appointment at 3 PM tomorrow', dueAt: '2026-03-11T15:00:00' },
    }));
    await scripted.env.say(user, 'dentist at 3 tomorrow and pick up kids at 5');
    const due = Object.fromEntries(
      (await tasksOf(user)).map((t) => [t.title.toLowerCase(), t.dueAt?.slice(0, 16)]),
    );
    expect(due).toEqual({ dentist: `${tomorrow(zone)}T15:00`, 'pick up kids': `${tomorrow(zone)}T17:00` });
  });

  it('leaves a model that added what was asked alone', async () => {
    const user = await scripted.env.newUser();
    scripted.server.respondWith((request) =>
      request.messages.some((m) => m.role === 'tool')
        ? { kind: 'text', content: 'Both are on your list.' }
        : {
            kind: 'tool_call',
            name: 'create_tasks',
            args: { tasks: [{ title: 'Dentist' }, { title: 'Pick up kids' }] },
          },
    );
    const { reply } = await scripted.env.say(user, 'dentist at 3 tomorrow and pick up kids at 5');
    expect(reply.text).toMatch(/^Both are on your list\./);
    expect((await tasksOf(user)).map((t) => t.title).sort()).toEqual(['Dentist', 'Pick up kids']);
  });
});

describe('a model that names a task by its title where a tool wants an id (real ChatOpenAI, scripted server)', () => {
  const system = (userId: string) => ({ userId, via: 'system' as const });

  it('is told to look the task up, and the person never reads the validation error', async () => {
    const user = await scripted.env.newUser();
    const email = await createTask(scripted.env.deps().domain, system(user), {
      title: "Reply to Jordan's email",
    });
    // What the 1.5B local model sent in the local eval, then (here) the lookup it was told to make.
    scripted.server.respondWith((request) => {
      const results = request.messages.filter((m) => m.role === 'tool').length;
      if (results === 0)
        return { kind: 'tool_call', name: 'complete_task', args: { taskId: "Reply to Jordan's email" } };
      if (results === 1) return { kind: 'tool_call', name: 'list_tasks', args: { q: 'jordan' } };
      if (results === 2) return { kind: 'tool_call', name: 'complete_task', args: { taskId: email.id } };
      return { kind: 'text', content: 'Done, nice work.' };
    });
    const { reply } = await scripted.env.say(user, "I replied to jordan's email finally");
    expect(JSON.stringify(scripted.server.chatRequests()[1]!.messages.at(-1))).toContain(
      'taskId must be an id from a tool result',
    );
    expect((await getTask(scripted.env.deps().domain, system(user), email.id)).status).toBe('done');
    expect(reply.text).not.toMatch(/validation|didn.t work/i);
  });

  it('has the rules make a change they can make alone', async () => {
    const user = await scripted.env.newUser();
    const milk = await createTask(scripted.env.deps().domain, system(user), { title: 'Buy milk' });
    scripted.server.respondWith(() => ({
      kind: 'tool_call',
      name: 'complete_task',
      args: { taskId: 'Buy milk' },
    }));
    // The title is in the person's words, so only its shape says it is no id.
    const { reply } = await scripted.env.say(user, 'done with Buy milk');
    expect((await getTask(scripted.env.deps().domain, system(user), milk.id)).status).toBe('done');
    expect(reply.text).not.toMatch(/validation/i);
    expect(scripted.server.chatRequests()).toHaveLength(1);
  });
});
