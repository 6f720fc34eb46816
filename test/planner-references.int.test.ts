import { describe, expect, it } from 'vitest';
import { createTask, getTask, listTasks } from '../src/domain/tasks/index.js';
import { zoneAtNoon } from './support/clock.js';
import { partsOf, toolMessages, useScriptedPlannerEnv } from './support/planner-env.js';

// A short reply about the task just talked about ("ok let's start it", "actually make it tomorrow at 11") names a
// task whose id the model never read: earlier turns reach it as words. The 1.5B local model guessed ids, added the
// task again as a step of itself, and said "Deleted" after only suggesting a task. The rules carry these out with
// the thread's last task, and the model is not asked. Each scripted model below does what the 1.5B model did.

const scripted = useScriptedPlannerEnv();
const system = (userId: string) => ({ userId, via: 'system' as const });
const tasksOf = async (userId: string) =>
  (await listTasks(scripted.env.deps().domain, system(userId), { limit: 10 })).items;

/** Whether the planner asked the model about `text` (the memory's own requests after a reply carry no tools). */
const plannerAsked = (text: string) =>
  scripted.server
    .chatRequests()
    .some((r) => r.tools?.length && r.messages.some((m) => m.role === 'user' && m.content === text));

/** The model adds the task the person named, then says so. */
const modelAdds = (title: string) =>
  scripted.server.respondWith((request) =>
    toolMessages(request).length === 0
      ? { kind: 'tool_call', name: 'create_task', args: { title } }
      : { kind: 'text', content: `Added ${title}.` },
  );

describe('a reply about the task just talked about (real ChatOpenAI, scripted server)', () => {
  it('"actually make it tomorrow at 11" moves that task; the model is not asked', async () => {
    const zone = zoneAtNoon();
    const user = await scripted.env.newUser('Test Person', zone);
    modelAdds('Call the garage about the brakes');
    await scripted.env.say(user, 'add call the garage about the brakes');
    const [garage] = await tasksOf(user);

    scripted.server.respondWith(() => ({
      kind: 'tool_call',
      name: 'create_task',
      args: { title: 'Call the garage about the brakes', parentId: garage!.id },
    }));
    const { reply } = await scripted.env.say(user, 'actually make it tomorrow at 11');
    expect(plannerAsked('actually make it tomorrow at 11')).toBe(false);
    const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('en-CA', { timeZone: zone });
    expect((await getTask(scripted.env.deps().domain, system(user), garage!.id)).dueAt?.slice(0, 16)).toBe(
      `${tomorrow}T11:00`,
    );
    expect((await tasksOf(user)).map((t) => t.title)).toEqual(['Call the garage about the brakes']);
    expect(reply.basicMode).toBe(false);
    expect(reply.text).toMatch(/11:00|11 ?am/i);
  });

  it('"ok let\'s start it" after a suggestion starts the suggested task', async () => {
    const user = await scripted.env.newUser();
    const grant = await createTask(scripted.env.deps().domain, system(user), {
      title: 'Write grant summary',
    });
    scripted.server.respondWith(() => ({ kind: 'text', content: 'How about the grant summary?' }));
    await scripted.env.say(user, "what's next?");

    scripted.server.respondWith(() => ({
      kind: 'tool_call',
      name: 'start_task',
      args: { taskId: 'Write grant summary' },
    }));
    const { reply } = await scripted.env.say(user, "ok let's start it");
    expect(plannerAsked("ok let's start it")).toBe(false);
    // Start mode: the first step, and a check-back soon (the task itself stays to do).
    expect(reply.text).toMatch(/^Just this one step: Open the document/);
    expect(partsOf(reply, 'choices').map((c) => c.prompt)).toEqual([expect.stringMatching(/^First step:/)]);
    expect(JSON.stringify(reply.parts)).toContain(grant.id);
  });

  it('"never mind, delete that one" asks first, and "yes" deletes it', async () => {
    const user = await scripted.env.newUser();
    modelAdds('buy a new kettle');
    await scripted.env.say(user, 'add buy a new kettle');
    scripted.server.respondWith((request) =>
      toolMessages(request).length === 0
        ? { kind: 'tool_call', name: 'suggest_next_task', args: {} }
        : { kind: 'text', content: 'Deleted the task "buy a new kettle".' },
    );
    const asked = await scripted.env.say(user, 'never mind, delete that one');
    expect(asked.reply.text).not.toMatch(/^Deleted/);
    expect(partsOf(asked.reply, 'choices')).toHaveLength(1);
    expect(await tasksOf(user)).toHaveLength(1);
    await scripted.env.say(user, 'yes');
    expect(await tasksOf(user)).toEqual([]);
  });

  it('is left to the model when no task was talked about yet', async () => {
    const user = await scripted.env.newUser();
    scripted.server.respondWith(() => ({ kind: 'text', content: 'Which task would you like to start?' }));
    const { reply } = await scripted.env.say(user, "ok let's start it");
    expect(plannerAsked("ok let's start it")).toBe(true);
    expect(reply.text).toBe('Which task would you like to start?');
  });
});

describe('an explicit request to break a task down (real ChatOpenAI, scripted server)', () => {
  const steps = {
    steps: [
      { title: 'Find last year’s return and put it on the desk', minutes: 2 },
      { title: 'Download this year’s forms', minutes: 10 },
      { title: 'Fill in the income page', minutes: 20 },
    ],
    note: 'One page at a time.',
  };
  /** The breakdown chain gets steps; the planner's model asks what was meant, as the 1.5B model did. */
  const modelAsks = () =>
    scripted.server.respondWith((request) =>
      request.response_format
        ? { kind: 'json', body: steps }
        : { kind: 'text', content: 'Sure! What kind of tax is it, and how much do you owe?' },
    );

  it('"can you break down the tax thing" breaks down the task it names, and "save them" keeps the steps', async () => {
    const user = await scripted.env.newUser();
    const tax = await createTask(scripted.env.deps().domain, system(user), { title: 'File 2025 tax return' });
    await createTask(scripted.env.deps().domain, system(user), { title: 'Buy birthday card' });
    modelAsks();
    const { reply } = await scripted.env.say(user, 'can you break down the tax thing');
    expect(plannerAsked('can you break down the tax thing')).toBe(false);
    expect(reply.text).toContain('Download this year’s forms');
    await scripted.env.say(user, 'yep those work, save them');
    const saved = await listTasks(scripted.env.deps().domain, system(user), { parentId: tax.id, limit: 10 });
    expect(saved.items.map((t) => t.title)).toEqual(steps.steps.map((s) => s.title));
  });

  it('a message with more in it is the model’s', async () => {
    const user = await scripted.env.newUser();
    await createTask(scripted.env.deps().domain, system(user), { title: 'File 2025 tax return' });
    modelAsks();
    await scripted.env.say(user, 'break down the tax thing and add buy milk');
    expect(plannerAsked('break down the tax thing and add buy milk')).toBe(true);
  });
});
