import { randomBytes } from 'node:crypto';
import { BSON, type Db } from 'mongodb';
import { expect } from 'vitest';
import type { TestEnv } from '../support/test-env.js';

// Small helpers the security tests share: a web chat session, a proof turn over /chat/messages, and a look at how
// big the documents in the database are.

export type Chunk = { type: string; [key: string]: unknown };

export const postJson = (env: TestEnv, path: string, body: unknown, headers: Record<string, string> = {}) =>
  env.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

export const uidOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { uid: string }).uid;

/** A new anonymous visitor: their widget token and user id. */
export const anonymousVisitor = async (env: TestEnv) => {
  const res = await postJson(env, '/chat/session', {});
  expect(res.status).toBe(200);
  const { token } = (await res.json()) as { token: string };
  return { token, userId: uidOf(token) };
};

/** The parsed UI-message-stream chunks of a finished chat turn. */
export const chunksOf = async (res: Response): Promise<Chunk[]> => {
  const raw = await res.text();
  const data = raw
    .split('\n\n')
    .filter(Boolean)
    .map((block) => block.replace(/^data: /, ''));
  expect(data.at(-1)).toBe('[DONE]');
  return data.slice(0, -1).map((d) => JSON.parse(d) as Chunk);
};

export const sendProof = async (
  env: TestEnv,
  token: string,
  messageId: string,
  proof: { taskId: string; text?: string; imageDataUrl?: string },
): Promise<Chunk[]> => {
  const res = await postJson(
    env,
    '/chat/messages',
    { messageId, message: { proof } },
    { authorization: `Bearer ${token}` },
  );
  expect(res.status).toBe(200);
  return chunksOf(res);
};

export const errorOf = (chunks: Chunk[]): string | undefined =>
  chunks.find((c) => c.type === 'error')?.errorText as string | undefined;

/** A png by its magic bytes followed by `size` random bytes (the server checks the type, not the picture). */
export const pngDataUrl = (size: number): string =>
  `data:image/png;base64,${Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    randomBytes(size),
  ]).toString('base64')}`;

/** Every document of every collection with its BSON size. */
export const documentSizes = async (db: Db) => {
  const sizes: { collection: string; id: unknown; bytes: number }[] = [];
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    for (const doc of await db.collection(name).find({}).toArray())
      sizes.push({ collection: name, id: doc._id, bytes: BSON.calculateObjectSize(doc) });
  }
  return sizes;
};
