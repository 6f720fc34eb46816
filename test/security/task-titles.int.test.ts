import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listTasks } from '../../src/domain/tasks/index.js';
import { connectInProcess, type InProcessMcp } from '../../src/tools/index.js';
import { expectToolError } from '../support/mcp-harness.js';
import { createTestEnv, type TestEnv } from '../support/test-env.js';

// Issue 14: titles and other one-line fields refuse CR/LF and control characters (a title ends up in SMS, Slack,
// e-mail subjects and logs), with a clear error on every edge; a chat message still makes a clean task.

let env: TestEnv;
const open: InProcessMcp[] = [];
beforeAll(async () => {
  env = await createTestEnv();
});
afterEach(async () => {
  for (const pair of open.splice(0)) await pair.close();
});
afterAll(async () => {
  await env?.close();
});

const NASTY = [
  'Buy milk\r\nBcc: everyone@example.com',
  'Call\u0000 mom',
  'Pay rent\u001b[2J',
  'Line\u2028break',
];

describe('single-line text fields', () => {
  it('refuses a task title with a line break or control character over REST, creating nothing', async () => {
    const user = await env.newUser();
    for (const title of NASTY) {
      const res = await env.call(user, 'POST', '/api/v1/tasks', { title });
      expect(res.status, JSON.stringify(title)).toBe(400);
      expect(res.body.error.message).toMatch(/title: .*(line|control)/);
    }
    const ok = await env.call(user, 'POST', '/api/v1/tasks', { title: 'Buy milk', notes: 'two\nlines' });
    expect(ok.status).toBe(201);
    const renamed = await env.call(user, 'PATCH', `/api/v1/tasks/${ok.body.id}`, { title: 'a\nb' });
    expect(renamed.status).toBe(400);
    const listed = await listTasks(env.domain, { userId: user.userId, via: 'system' }, { limit: 50 });
    expect(listed.items.map((t) => t.title)).toEqual(['Buy milk']);
  });

  it('refuses the same in reward titles and over MCP', async () => {
    const user = await env.newUser();
    const reward = await env.call(user, 'POST', '/api/v1/rewards', { title: 'Movie\nnight', cost: 50 });
    expect(reward.status).toBe(400);
    const pair = await connectInProcess({
      actor: { userId: user.userId, via: 'mcp' },
      domain: env.domain,
      agents: env.agents,
      memory: env.memory,
      scheduler: env.jobs.scheduler,
      logger: env.logger,
    });
    open.push(pair);
    const result = await pair.client.callTool({
      name: 'create_task',
      arguments: { title: 'Buy milk\r\nnow' },
    });
    expect(expectToolError(result)).toMatch(/title/);
  });

  it('still turns a chat message with control characters into a clean task', async () => {
    const { userId } = await env.newUser();
    const turn = env.conversations.converse({
      userId,
      channel: 'web',
      threadId: 'main',
      messageId: 'm-control-chars',
      message: { text: 'add task: buy oat\u0007 milk\u0000' },
    });
    for await (const event of turn.events) void event; // runs the turn to its end
    const reply = await turn.reply;
    expect(reply.text).toMatch(/Added/);
    const listed = await listTasks(env.domain, { userId, via: 'system' }, { limit: 50 });
    expect(listed.items.map((t) => t.title.toLowerCase())).toEqual(['buy oat milk']);
  });
});
