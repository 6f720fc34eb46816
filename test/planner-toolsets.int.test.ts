import { describe, expect, it } from 'vitest';
import { createTask, listTasks } from '../src/domain/tasks/index.js';
import { tools as registry } from '../src/tools/index.js';
import type { ChatRequest } from './support/scripted-openai-server.js';
import { useScriptedPlannerEnv } from './support/planner-env.js';

// Issue 16: what the model receives per turn is what a small local model must read before its first word.

const scripted = useScriptedPlannerEnv();

/** A generous bound on a turn's request: 4,000 tokens at ~4 characters per token. */
const REQUEST_BUDGET_CHARS = 16_000;

const toolNames = (request: ChatRequest) => (request.tools ?? []).map((t) => t.function.name);
const requestChars = (request: ChatRequest) =>
  JSON.stringify({ messages: request.messages, tools: request.tools }).length;
const toolResults = (request: ChatRequest) =>
  request.messages.filter((m) => m.role === 'tool').map((m) => String(m.content));

describe('the tools a turn binds (real ChatOpenAI against a scripted server)', () => {
  it('sends only the tools a reminder needs, compact, within the size budget', async () => {
    const user = await scripted.env.newUser();
    scripted.server.enqueue(
      { kind: 'tool_call', name: 'create_task', args: { title: 'Call mom', dueAt: '2026-03-02T17:00' } },
      { kind: 'text', content: 'Added: call mom at 5.' },
    );
    const { reply } = await scripted.env.say(user, 'remind me to call mom at 5');
    expect(reply.basicMode).toBe(false);
    const [first] = scripted.server.chatRequests();
    const names = toolNames(first!);
    expect(names).toContain('create_task');
    expect(names).not.toContain('start_focus_session');
    expect(names).not.toContain('update_reward');
    expect(names.length).toBeLessThan(registry.length / 2);
    expect(requestChars(first!)).toBeLessThan(REQUEST_BUDGET_CHARS);
    const createTask = first!.tools!.find((t) => t.function.name === 'create_task')!;
    expect(JSON.stringify(createTask)).not.toMatch(/\$schema|additionalProperties|\(\?:\(\?:\\\\d/);
    expect(createTask.function.parameters).toMatchObject({ required: ['title'] });
    // The MCP tool still validated the full schema: the task exists with its due time.
    const { items } = await listTasks(
      scripted.env.deps().domain,
      { userId: user, via: 'system' },
      { limit: 10 },
    );
    expect(items.map((t) => t.title)).toEqual(['Call mom']);
  });

  it('starts every turn with the same system message and the thread so far; the clock comes last', async () => {
    const user = await scripted.env.newUser();
    scripted.server.respondWith(() => ({ kind: 'text', content: 'Okay.' }));
    await scripted.env.say(user, 'I feel tired');
    await scripted.env.say(user, 'what is on my list?');
    const [a, b] = scripted.server.chatRequests();
    expect(a!.messages[0]).toEqual(b!.messages[0]);
    expect(String(a!.messages[0]!.content)).not.toMatch(/time zone is|person_data/);
    // What changes every turn sits just before the message, after the thread that only grows (a prompt cache
    // reuses everything up to it).
    expect(b!.messages.slice(1, 3)).toMatchObject([
      { role: 'user', content: 'I feel tired' },
      { role: 'assistant', content: 'Okay.' },
    ]);
    for (const request of [a!, b!]) {
      const message = request.messages.findLastIndex((m) => m.role === 'user');
      expect(String(request.messages[message - 1]!.content)).toMatch(/time zone is/);
    }
    expect(toolNames(a!).slice(0, 3)).toEqual(toolNames(b!).slice(0, 3));
    expect(toolNames(a!)).toContain('log_mood');
  });

  it('keeps one tool set for every step of a turn, and still runs a tool the model knew from elsewhere', async () => {
    const user = await scripted.env.newUser();
    await createTask(scripted.env.deps().domain, { userId: user, via: 'system' }, { title: 'Taxes' });
    scripted.server.respondWith((request) => {
      const seen = toolResults(request).length;
      if (seen === 0) return { kind: 'tool_call', name: 'list_tasks', args: { q: 'taxes' } };
      if (seen === 1) {
        const json = /<tool_result[^>]*>([\s\S]*)<\/tool_result>/.exec(toolResults(request)[0]!)![1]!;
        const taskId = (JSON.parse(json) as { items: { id: string }[] }).items[0]!.id;
        return { kind: 'tool_call', name: 'complete_task', args: { taskId } };
      }
      if (seen === 2) return { kind: 'tool_call', name: 'get_points', args: {} };
      return { kind: 'text', content: 'Taxes are done. Well played.' };
    });
    const { reply } = await scripted.env.say(user, 'done with taxes');
    expect(reply.text).toMatch(/^Taxes are done. Well played./);
    const requests = scripted.server.chatRequests();
    expect(requests).toHaveLength(4);
    const firstSet = toolNames(requests[0]!);
    expect(firstSet).toEqual(expect.arrayContaining(['list_tasks', 'complete_task']));
    expect(firstSet).not.toContain('get_points');
    for (const request of requests) expect(toolNames(request)).toEqual(firstSet);
    expect(toolResults(requests[3]!)[2]).toMatch(/^<tool_result name="get_points"/);
    expect(toolResults(requests[3]!)[2]).not.toMatch(/no tool called/i);
    const { items } = await listTasks(
      scripted.env.deps().domain,
      { userId: user, via: 'system' },
      { limit: 10 },
    );
    expect(items).toEqual([]);
  });

  it("keeps the thread's tools from turn to turn: a new topic's tools come after the ones already bound", async () => {
    const user = await scripted.env.newUser();
    scripted.server.respondWith(() => ({ kind: 'text', content: 'Okay.' }));
    await scripted.env.say(user, 'how many points do I have?');
    await scripted.env.say(user, 'I feel tired');
    await scripted.env.say(user, 'I feel tired again');
    const [a, b, c] = scripted.server.chatRequests().map(toolNames);
    // A prompt cache keeps everything before the first change: the first turn's tools stay in front, in order.
    expect(b!.slice(0, a!.length)).toEqual(a);
    expect(b!.slice(a!.length)).toContain('log_mood');
    // A turn that needs nothing new changes nothing (the groups were kept in the thread's checkpoint).
    expect(c).toEqual(b);
  });

  it('sends the previous tool list byte for byte on a turn that needs nothing new, even over budget', async () => {
    // From the local bench's conversation: after the tax return's steps the thread binds more than its budget
    // (every group was needed); "what should I do now?" needs none, and used to drop two groups from the middle of
    // the list, so the model read everything after them again. (The second message names its tiredness itself: a
    // clear message no longer brings the previous one's topics.)
    const user = await scripted.env.newUser();
    scripted.server.respondWith(() => ({ kind: 'text', content: 'Okay.' }));
    await scripted.env.say(user, "I'm feeling really tired today");
    await scripted.env.say(user, "I'm tired, break the tax return down into steps");
    await scripted.env.say(user, 'what should I do now?');
    const [, b, c] = scripted.server.chatRequests();
    expect(toolNames(b!)).toEqual(expect.arrayContaining(['log_mood', 'break_down_task']));
    expect(toolNames(c!)).toEqual(toolNames(b!));
    expect(JSON.stringify(c!.tools)).toBe(JSON.stringify(b!.tools));
  });

  it('shows only the last exchange on a turn that binds new tools, and the next turn only adds to that prompt', async () => {
    const user = await scripted.env.newUser();
    // A question: words alone, no question, for "add buy milk" would have the rules add it.
    scripted.server.respondWith(() => ({ kind: 'text', content: 'Okay, anything else?' }));
    await scripted.env.say(user, 'add buy milk');
    await scripted.env.say(user, 'add call mom');
    await scripted.env.say(user, "I'm feeling really tired"); // binds the mood tools
    await scripted.env.say(user, 'I feel tired again');
    const [, , c, d] = scripted.server.chatRequests();
    expect(toolNames(c!)).toContain('log_mood');
    const clock = (request: ChatRequest) =>
      request.messages.findIndex((m, i) => i > 0 && /time zone is/.test(String(m.content)));
    // The tools changed, so everything after them is read again: the older exchange is left out.
    expect(c!.messages.slice(1, clock(c!))).toEqual([
      { role: 'user', content: 'add call mom' },
      { role: 'assistant', content: 'Okay, anything else?' },
    ]);
    // The next turn's prompt starts with that one's, byte for byte, up to where that turn's own part began.
    expect(JSON.stringify(d!.tools)).toBe(JSON.stringify(c!.tools));
    expect(JSON.stringify(d!.messages.slice(0, clock(c!)))).toBe(
      JSON.stringify(c!.messages.slice(0, clock(c!))),
    );
    expect(d!.messages.slice(clock(c!), clock(d!))).toEqual([
      { role: 'user', content: "I'm feeling really tired" },
      { role: 'assistant', content: 'Okay, anything else?' },
    ]);
  });

  it('hands the model tool results without empty fields (each one is read once per call)', async () => {
    const user = await scripted.env.newUser();
    scripted.server.enqueue(
      { kind: 'tool_call', name: 'create_task', args: { title: 'Call mom' } },
      { kind: 'text', content: 'Added.' },
    );
    await scripted.env.say(user, 'remind me to call mom');
    const [result] = toolResults(scripted.server.chatRequests()[1]!);
    const json = /<tool_result[^>]*>([\s\S]*)<\/tool_result>/.exec(result!)![1]!;
    expect(json).not.toMatch(/:null\b|:\[\]/);
    expect(JSON.parse(json)).toMatchObject({ title: 'Call mom', status: 'todo', allDay: false });
  });

  it("binds no tools for the previous message's topic when this message's own intent is clear", async () => {
    // The local bench: "remember that I work best after 8pm" after "how many points do I have?" also bound the
    // points tools (~700 tokens the model read) because of the word "points" one message earlier.
    const user = await scripted.env.newUser();
    scripted.server.respondWith(() => ({ kind: 'text', content: 'Okay.' }));
    await scripted.env.say(user, 'how many points do I have?');
    await scripted.env.say(user, 'remember that I work best after 8pm');
    const [, b] = scripted.server.chatRequests();
    expect(toolNames(b!)).toContain('remember');
    expect(toolNames(b!)).not.toContain('get_points');
  });

  it('makes one model call for "plan my day": the plan chain wrote the plan, it goes to the person as is', async () => {
    const user = await scripted.env.newUser();
    const actor = { userId: user, via: 'system' as const };
    const budget = await createTask(scripted.env.deps().domain, actor, {
      title: 'Finish budget sheet',
      estimateMinutes: 30,
    });
    await createTask(scripted.env.deps().domain, actor, { title: 'Water plants', estimateMinutes: 5 });
    scripted.server.respondWith((request) =>
      request.response_format
        ? {
            kind: 'json',
            body: {
              picks: [{ taskId: budget.id, reason: 'Due soonest' }],
              summary: 'Start with the budget sheet, then breathe.',
            },
          }
        : { kind: 'text', content: 'Here is your plan, in other words.' },
    );
    const { reply } = await scripted.env.say(user, 'plan my day');
    expect(scripted.server.chatRequests()).toHaveLength(1);
    expect(scripted.server.chatRequests()[0]!.response_format).toBeDefined();
    expect(reply.basicMode).toBe(false);
    expect(reply.text).toMatch(/^Start with the budget sheet, then breathe\.\n1\. Finish budget sheet/);
    expect(reply.text).not.toMatch(/in other words/);
  });

  it('binds create_tasks with the breakdown tools, so a step list for a task not yet made can be made', async () => {
    // Without it the local 1.5B model, asked to break down a task it did not have yet, wrote the steps out as text
    // until the 500-token cap instead of making them (local bench, 75 s for that turn).
    const user = await scripted.env.newUser();
    scripted.server.respondWith(() => ({ kind: 'text', content: 'Okay.' }));
    // (A bare "break the tax return down" goes to the breakdown tool without the planner's model.)
    await scripted.env.say(user, 'the tax return is too much, break it down into steps');
    const [breakdown] = scripted.server.chatRequests().map(toolNames);
    expect(breakdown).toContain('break_down_task');
    expect(breakdown).toContain('create_tasks');
  });

  it('adds no tools on a turn whose reads were made before asking (the model words their results)', async () => {
    const user = await scripted.env.newUser();
    scripted.server.respondWith(() => ({ kind: 'text', content: 'Okay.' }));
    await scripted.env.say(user, 'I feel tired');
    const { reply } = await scripted.env.say(user, "what's on my list today?");
    expect(reply.basicMode).toBe(false);
    const [a, b] = scripted.server.chatRequests();
    expect(toolResults(b!)[0]).toMatch(/^<tool_result name="list_tasks"/);
    expect(toolNames(b!)).toEqual(toolNames(a!));
  });
});
