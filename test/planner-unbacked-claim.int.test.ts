import { describe, expect, it } from 'vitest';
import { listTasks } from '../src/domain/tasks/index.js';
import { useScriptedPlannerEnv } from './support/planner-env.js';

// A small local model (Qwen2.5-Coder-1.5B, measured in the local-model bench) answered "add buy milk" with
// "I created a task to buy milk." and no tool call: nothing was added. The rules now make the change it claimed.

const scripted = useScriptedPlannerEnv();

const titles = async (userId: string) =>
  (await listTasks(scripted.env.deps().domain, { userId, via: 'system' }, { limit: 10 })).items.map(
    (t) => t.title,
  );

describe('a model that claims a change without making it (real ChatOpenAI, scripted server)', () => {
  it('makes the change it claimed, says so in its own words, and asks the model nothing more', async () => {
    const user = await scripted.env.newUser();
    scripted.server.respondWith(() => ({ kind: 'text', content: 'I created a task to buy milk.' }));
    const { reply } = await scripted.env.say(user, 'add buy milk');
    expect(await titles(user)).toEqual(['Buy milk']);
    expect(reply.basicMode).toBe(false);
    expect(reply.text).toMatch(/^I created a task to buy milk\.\n\nAdded “Buy milk”/);
    expect(scripted.server.chatRequests()).toHaveLength(1);
  });

  it('leaves a question alone', async () => {
    const user = await scripted.env.newUser();
    scripted.server.respondWith(() => ({
      kind: 'text',
      content: 'Do you want me to add buy milk for today?',
    }));
    const { reply } = await scripted.env.say(user, 'add buy milk');
    expect(reply.text).toBe('Do you want me to add buy milk for today?');
    expect(await titles(user)).toEqual([]);
  });

  it('acts only on a message the rules read as that change', async () => {
    const user = await scripted.env.newUser();
    scripted.server.respondWith(() => ({ kind: 'text', content: "I've added that. Anything else?" }));
    await scripted.env.say(user, 'thanks, that was helpful!');
    expect(await titles(user)).toEqual([]);
  });
});
