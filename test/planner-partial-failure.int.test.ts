import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTasks } from '../src/domain/tasks/index.js';
import { turnIdsOf } from '../src/planner/conversation-store.js';
import { threadKeyOf } from '../src/planner/graph/runtime.js';
import { startPlannerEnv, streamedText, type PlannerTestEnv } from './support/planner-env.js';

// The chaos bench found chat tasks written two or three times: a turn whose task was created but whose reply could
// not be stored (the database froze) released its message, so the client's re-send ran the turn again. A turn that
// changed something keeps its message; the re-send hears what happened instead of acting twice.

let env: PlannerTestEnv;
beforeAll(async () => {
  env = await startPlannerEnv();
});
afterAll(async () => {
  await env?.close();
});

const titles = async (userId: string) =>
  (await listTasks(env.deps().domain, { userId, via: 'system' }, { limit: 100 })).items.map((t) => t.title);

/** Makes storing this message's reply fail, as a database that stops answering after the tools ran would. */
const blockReply = async (userId: string, messageId: string) => {
  const { turnId } = turnIdsOf(threadKeyOf({ userId, channel: 'web', threadId: 'main' }), messageId);
  const turns = env.deps().database.db.collection<{ _id: string }>('planner_turns');
  await turns.insertOne({ _id: `${turnId}_a` });
  return () => turns.deleteOne({ _id: `${turnId}_a` });
};

describe('a turn that acted and then failed', () => {
  it('is not acted on again when the same message is sent again', async () => {
    const user = await env.newUser();
    const unblock = await blockReply(user, 'resend-1');
    const first = await env.say(user, 'add buy oat milk', { messageId: 'resend-1' }).then(
      () => null,
      (error: unknown) => error as Error,
    );
    expect(first).not.toBeNull();
    expect(await titles(user)).toHaveLength(1);

    await unblock(); // the database is back; the client re-sends the message it never got an answer to
    const again = await env.say(user, 'add buy oat milk', { messageId: 'resend-1' });
    expect(await titles(user)).toHaveLength(1);
    expect(streamedText(again.events)).toMatch(/part of it may be done|check/i);
  });

  it('that changed nothing can still be sent again and acted on', async () => {
    const user = await env.newUser();
    const unblock = await blockReply(user, 'resend-2');
    // Reading the list changes nothing, so the message is released and may run again.
    await env.say(user, "what's on my list?", { messageId: 'resend-2' }).catch(() => undefined);
    await unblock();
    const again = await env.say(user, "what's on my list?", { messageId: 'resend-2' });
    expect(again.reply.text).not.toMatch(/lost track|part of it may be done/i);
  });
});
