import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTask } from '../../src/domain/tasks/index.js';
import { connectInProcess, type InProcessMcp } from '../../src/tools/index.js';
import { callOk, expectToolError } from '../support/mcp-harness.js';
import { createTestEnv, type TestEnv } from '../support/test-env.js';
import { pngDataUrl } from './chat-harness.js';

// Finding 9c: validate_proof (the MCP tool; REST has no proof route, and web chat goes through the same tool) passes
// the model only photos that were uploaded, or https image links from hosts the operator allows.

let env: TestEnv;
const open: InProcessMcp[] = [];

beforeAll(async () => {
  env = await createTestEnv(
    {},
    {
      PROOF_IMAGE_URL_HOSTS: 'images.example.com',
      JOBS_PREFIX: `proofurl${randomBytes(4).toString('hex')}`,
    },
  );
});
afterEach(async () => {
  for (const pair of open.splice(0)) await pair.close();
});
afterAll(async () => {
  await env?.close();
});

const clientWithTask = async () => {
  const user = await env.newUser();
  const task = await createTask(env.domain, { userId: user.userId, via: 'mcp' }, { title: 'Go for a run' });
  const pair = await connectInProcess({
    actor: { userId: user.userId, via: 'mcp' },
    domain: env.domain,
    agents: env.agents,
    memory: env.memory,
    scheduler: env.jobs.scheduler,
    logger: env.logger,
  });
  open.push(pair);
  return { client: pair.client, taskId: task.id, userId: user.userId };
};

const validate = (client: InProcessMcp['client'], taskId: string, evidence: Record<string, unknown>) =>
  client.callTool({ name: 'validate_proof', arguments: { taskId, evidence } });

describe('validate_proof and image links', () => {
  it('refuses an https image link from a host the operator did not allow, with a clear message', async () => {
    const { client, taskId } = await clientWithTask();
    for (const imageUrl of [
      'https://attacker.example.net/run.jpg',
      'https://images.example.com.attacker.net/run.jpg',
      'https://169.254.169.254/latest/meta-data/x.png',
    ]) {
      const text = expectToolError(
        await validate(client, taskId, { kind: 'image', imageUrl, text: 'my run' }),
      );
      expect(text).toMatch(/only look at photos sent here.*attach the photo/);
    }
  });

  it('accepts a link from an allowed host, an uploaded photo, and the id of a stored photo', async () => {
    const { client, taskId, userId } = await clientWithTask();
    await callOk(client, 'validate_proof', {
      taskId,
      evidence: {
        kind: 'image',
        imageUrl: 'https://images.example.com/run.jpg',
        text: 'my morning run, 5 km',
      },
    });
    await callOk(client, 'validate_proof', {
      taskId,
      evidence: { kind: 'image', imageUrl: pngDataUrl(2_000), text: 'my morning run, 5 km' },
    });
    const [stored] = await env.database.db.collection('proof_images').find({ userId }).toArray();
    expect(stored?.refs).toEqual([`task:${taskId}`]);
    await callOk(client, 'validate_proof', {
      taskId,
      evidence: { kind: 'image', imageId: stored!._id, text: 'my morning run, 5 km' },
    });
  });

  it("cannot use someone else's stored photo", async () => {
    const owner = await clientWithTask();
    await callOk(owner.client, 'validate_proof', {
      taskId: owner.taskId,
      evidence: { kind: 'image', imageUrl: pngDataUrl(2_000) },
    });
    const [stored] = await env.database.db
      .collection('proof_images')
      .find({ userId: owner.userId })
      .toArray();
    const other = await clientWithTask();
    const text = expectToolError(
      await validate(other.client, other.taskId, { kind: 'image', imageId: stored!._id }),
    );
    expect(text).toMatch(/couldn't find that photo/);
  });
});
