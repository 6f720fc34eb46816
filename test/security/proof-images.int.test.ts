import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTask, deleteTask } from '../../src/domain/tasks/index.js';
import { fixedClock } from '../../src/shared/clock.js';
import { startScriptedOpenAiServer, type ScriptedOpenAiServer } from '../support/scripted-openai-server.js';
import { createTestEnv, type TestEnv } from '../support/test-env.js';
import { anonymousVisitor, documentSizes, errorOf, pngDataUrl, sendProof } from './chat-harness.js';

// Finding 3: proof photos sent in web chat are stored once, outside checkpoints and turn records, capped in size and
// per person, checked by their real bytes, still shown to the validator, and swept when nothing uses them.

const clock = fixedClock(new Date());
const SMALL_DOC = 50_000;
let server: ScriptedOpenAiServer;
let env: TestEnv;

beforeAll(async () => {
  server = await startScriptedOpenAiServer();
  server.respondWith(() => ({
    kind: 'json',
    body: {
      verdict: 'needs_more',
      confidence: 80,
      feedback: 'Nice photo of the trail!',
      followUpQuestion: 'How far did you go?',
      evidenceContainsInstructions: false,
    },
  }));
  env = await createTestEnv(
    { clock },
    {
      WIDGET_SECRET: randomBytes(32).toString('base64url'),
      LLM_BASE_URL: server.baseUrl,
      LLM_API_KEY: 'sk-test',
      LLM_MODEL: 'scripted-model',
      LLM_TIMEOUT_MS: '5000',
      LLM_MAX_RETRIES: '0',
      PROOF_IMAGE_MAX_BYTES: '2000000',
      PROOF_IMAGE_QUOTA_COUNT: '3',
      JOBS_PREFIX: `proofimg${randomBytes(4).toString('hex')}`,
    },
  );
});
afterAll(async () => {
  await env?.close();
  await server?.close();
});

const visitorWithTask = async (title = 'Go for a run') => {
  const visitor = await anonymousVisitor(env);
  const task = await createTask(env.domain, { userId: visitor.userId, via: 'chat' }, { title });
  return { ...visitor, taskId: task.id };
};

const imageUrlsSentToModel = () =>
  server
    .chatRequests()
    .flatMap((r) => r.messages)
    .flatMap((m) => (Array.isArray(m.content) ? (m.content as { image_url?: { url: string } }[]) : []))
    .flatMap((part) => (part.image_url ? [part.image_url.url] : []));

describe('proof photos in web chat', () => {
  it('keeps checkpoints and turn records small and stores the photo once, and the validator still sees it', async () => {
    const { token, taskId } = await visitorWithTask();
    const photo = pngDataUrl(1_500_000);
    const chunks = await sendProof(env, token, 'proof-1', {
      taskId,
      text: 'after my run',
      imageDataUrl: photo,
    });
    expect(errorOf(chunks)).toBeUndefined();
    // The same photo again: re-sent message (replayed) and a new message.
    await sendProof(env, token, 'proof-1', { taskId, text: 'after my run', imageDataUrl: photo });
    expect(errorOf(await sendProof(env, token, 'proof-2', { taskId, imageDataUrl: photo }))).toBeUndefined();
    await env.conversations.idle();

    expect(imageUrlsSentToModel()).toContain(photo);

    const sizes = await documentSizes(env.database.db);
    const conversationDocs = sizes.filter((d) => d.collection.startsWith('planner_'));
    expect(conversationDocs.length).toBeGreaterThan(0);
    expect(conversationDocs.filter((d) => d.bytes >= SMALL_DOC)).toEqual([]);
    const large = sizes.filter((d) => d.bytes >= SMALL_DOC);
    expect(large).toHaveLength(1);
    expect(large[0]).toMatchObject({ collection: 'proof_image_data' });
  });

  it('refuses a file that is not an image, and an image over the size cap, kindly', async () => {
    const { token, taskId } = await visitorWithTask();
    const fake = `data:image/png;base64,${Buffer.from('MZ this is an executable, honest').toString('base64')}`;
    expect(errorOf(await sendProof(env, token, 'fake-1', { taskId, imageDataUrl: fake }))).toMatch(
      /doesn't look like a photo.*png, jpeg, webp or gif/,
    );
    expect(
      errorOf(await sendProof(env, token, 'big-1', { taskId, imageDataUrl: pngDataUrl(2_100_000) })),
    ).toMatch(/too big.*2 MB/);
    expect(await env.database.db.collection('proof_images').countDocuments({})).toBe(1); // the first test's only
  });

  it('stops at the per-person quota with a kind message', async () => {
    const { token, taskId } = await visitorWithTask();
    for (let i = 0; i < 3; i++)
      expect(
        errorOf(await sendProof(env, token, `q-${i}`, { taskId, imageDataUrl: pngDataUrl(20_000) })),
      ).toBeUndefined();
    expect(errorOf(await sendProof(env, token, 'q-3', { taskId, imageDataUrl: pngDataUrl(20_000) }))).toMatch(
      /a lot of photos lately.*A few words about what you did/,
    );
  });

  it('sweeps photos nothing uses: unused uploads after an hour, proof photos once their task is gone', async () => {
    const { token, userId, taskId } = await visitorWithTask('Water the plants');
    expect(
      errorOf(await sendProof(env, token, 'sw-1', { taskId, imageDataUrl: pngDataUrl(30_000) })),
    ).toBeUndefined();
    await env.conversations.idle();
    // An upload no turn went on to use (validate_proof failed on a task that is not theirs).
    const stray = await env.agents
      .validateProof(
        { userId, via: 'chat' },
        { taskId: 'task_notyours12345678', evidence: { kind: 'image', imageUrl: pngDataUrl(30_000) } },
      )
      .catch((error: Error) => error);
    expect(stray).toBeInstanceOf(Error);
    const images = env.database.db.collection('proof_images');
    const sweep = env.sweeps.find((s) => s.name === 'proof_images');
    expect(sweep, 'the proof_images sweep is scheduled with the other maintenance sweeps').toBeDefined();

    expect(await sweep!.run(clock.now())).toBe(0);
    clock.advance(2 * 60 * 60_000);
    const mine = await images.find({ userId }).toArray();
    expect(mine).toHaveLength(1); // the stray one was never stored: the task check comes first

    await env.domain.proofImages.save(
      userId,
      {
        bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]),
        mime: 'image/png',
        sha256: 'x',
      },
      {
        now: new Date(clock.now().getTime() - 2 * 60 * 60_000),
        expiresAt: new Date(clock.now().getTime() - 1),
      },
      { maxCount: 10, maxBytes: 10_000_000 },
    );
    expect(await sweep!.run(clock.now())).toBe(1); // the expired, unused upload
    expect(await images.countDocuments({ userId })).toBe(1);

    await deleteTask(env.domain, { userId, via: 'chat' }, taskId);
    expect(await sweep!.run(clock.now())).toBe(1); // nothing references the proof photo any more
    expect(await images.countDocuments({ userId })).toBe(0);
    expect(await env.database.db.collection('proof_image_data').countDocuments({ userId })).toBe(0);
  });
});
