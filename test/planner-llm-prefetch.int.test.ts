import { describe, expect, it } from 'vitest';
import { createTask, getTask } from '../src/domain/tasks/index.js';
import { zoneAtNoon } from './support/clock.js';
import { toolMessages, useScriptedPlannerEnv } from './support/planner-env.js';

// A plain read ("what's on my plate today?") runs before the model is asked, so the model words a result it
// already has: one call instead of two, and no "I don't have any information about your tasks" (what the 1.5B
// local model answered when it had to decide to look).

const scripted = useScriptedPlannerEnv();

const system = (userId: string) => ({ userId, via: 'system' as const });

describe('reads done before the model is asked', () => {
  it('"what\'s on my plate today?" reaches the model with today\'s list already in the conversation', async () => {
    // In a zone where it is noon, an hour from now is still today whenever the suite runs (at 23:07 UTC it was not).
    const user = await scripted.env.newUser('Test Person', zoneAtNoon());
    const due = new Date(Date.now() + 60 * 60_000).toISOString();
    await createTask(scripted.env.deps().domain, system(user), { title: 'Send invoice', dueAt: due });
    scripted.server.respondWith(() => ({
      kind: 'text',
      content: 'Today: send the invoice. One thing, nice.',
    }));

    const { reply } = await scripted.env.say(user, "what's on my plate today?");

    const requests = scripted.server.chatRequests();
    expect(requests).toHaveLength(1);
    const [result] = toolMessages(requests[0]!);
    expect(String(result!.content)).toMatch(/^<tool_result name="list_tasks"/);
    expect(String(result!.content)).toContain('Send invoice');
    // The call the result answers is in the transcript as the assistant's, in the standard shape.
    const asked = requests[0]!.messages.find((m) => m.role === 'assistant' && m.tool_calls?.length);
    expect(asked?.tool_calls?.[0]).toMatchObject({ function: { name: 'list_tasks' } });
    expect(reply.basicMode).toBe(false);
    expect(reply.text).toMatch(/^Today: send the invoice/);
  });

  it('a model that asks for the same read again gets the result it has, not a second run', async () => {
    const user = await scripted.env.newUser();
    scripted.server.respondWith((request) =>
      toolMessages(request).length === 1
        ? { kind: 'tool_call', name: 'get_points', args: {} }
        : { kind: 'text', content: 'You have 0 points so far.' },
    );
    const { reply } = await scripted.env.say(user, 'how many points do I have?');
    expect(reply.text).toBe('You have 0 points so far.');
    expect(scripted.server.chatRequests()).toHaveLength(2);
  });

  it('"what should I do now?" is one model call, and a change the person did not ask for is not made', async () => {
    // The local 1.5B model answered the suggestion by completing the suggested task: points for something not done,
    // and a second model call to word it.
    const user = await scripted.env.newUser();
    const task = await createTask(scripted.env.deps().domain, system(user), { title: 'Call mom' });
    scripted.server.respondWith((request) =>
      toolMessages(request).length === 1
        ? { kind: 'tool_call', name: 'complete_task', args: { taskId: task.id } }
        : { kind: 'text', content: 'Done!' },
    );
    const { reply } = await scripted.env.say(user, 'what should I do now?');
    expect(scripted.server.chatRequests()).toHaveLength(1);
    const open = await getTask(scripted.env.deps().domain, system(user), task.id);
    expect(open.status).toBe('todo');
    expect(reply.basicMode).toBe(false);
    expect(reply.text).toContain('Call mom');
    expect(reply.text).not.toMatch(/points/i);
  });

  it('a request to change something is left to the model', async () => {
    const user = await scripted.env.newUser();
    scripted.server.respondWith((request) =>
      toolMessages(request).length === 0
        ? { kind: 'tool_call', name: 'create_task', args: { title: 'Water the plants' } }
        : { kind: 'text', content: 'Added.' },
    );
    await scripted.env.say(user, 'add water the plants');
    expect(toolMessages(scripted.server.chatRequests()[0]!)).toHaveLength(0);
  });

  it('when the model then fails, the person still gets the read in basic mode', async () => {
    const user = await scripted.env.newUser();
    await createTask(scripted.env.deps().domain, system(user), { title: 'Send invoice' });
    scripted.server.respondWith(() => ({ kind: 'error', status: 503, message: 'overloaded' }));
    const { reply } = await scripted.env.say(user, 'show my tasks');
    expect(reply.text).toMatch(/basic mode/i);
    expect(JSON.stringify(reply.parts)).toContain('Send invoice');
  });
});
