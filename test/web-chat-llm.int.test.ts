import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedOpenAiServer, type ScriptedOpenAiServer } from './support/scripted-openai-server.js';
import { createTestEnv, type TestEnv } from './support/test-env.js';

// The web chat with a model behind it, over HTTP (app.request): what the person reads is the model's reply once,
// however the model ends its stream.

let server: ScriptedOpenAiServer;
let env: TestEnv;
beforeAll(async () => {
  server = await startScriptedOpenAiServer();
  env = await createTestEnv(
    {},
    {
      LLM_BASE_URL: server.baseUrl,
      LLM_MODEL: 'scripted-model',
      LLM_TIMEOUT_MS: '3000',
      LLM_MAX_RETRIES: '0',
    },
  );
});
afterAll(async () => {
  await env?.close();
  await server?.close();
});

type Chunk = { type: string; [key: string]: unknown };

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  env.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const streamedText = async (res: Response): Promise<string> => {
  const chunks = (await res.text())
    .split('\n\n')
    .filter((block) => block.startsWith('data: {'))
    .map((block) => JSON.parse(block.slice('data: '.length)) as Chunk);
  return chunks
    .filter((c) => c.type === 'text-delta')
    .map((c) => String(c.delta))
    .join('');
};

describe('web chat with a model', () => {
  it('shows a streamed reply that ends in a newline (Ollama-style) once, in the stream and in the history', async () => {
    const reply = 'Nice work getting started! One small step: open the document.';
    server.respondWith(() => ({ kind: 'text', content: `${reply}\n` }));
    const session = (await (await post('/chat/session', {})).json()) as { token: string };
    const auth = { authorization: `Bearer ${session.token}` };
    const res = await post('/chat/messages', { messageId: 'nl-1', message: { text: 'hello there' } }, auth);
    expect(res.status).toBe(200);
    const text = await streamedText(res);
    expect(text.split(reply)).toHaveLength(2);
    expect(text.trim()).toBe(reply);
    const history = (await (await env.app.request('/chat/history', { headers: auth })).json()) as {
      messages: { role: string; parts: { type: string; text?: string }[] }[];
    };
    const answer = history.messages.filter((m) => m.role === 'assistant').at(-1)!;
    const said = answer.parts.find((p) => p.type === 'text')!.text!;
    expect(said.split(reply)).toHaveLength(2);
  });
});
