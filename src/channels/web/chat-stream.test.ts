import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ConverseEvent, Conversations, Reply } from '../../planner/index.js';
import { createLogger } from '../../shared/index.js';
import { streamTurn } from './chat-stream.js';

/** A turn that starts and then waits (a slow model) until it is stopped. */
const slowConversations = (): Conversations => ({
  converse: (_input, options) => {
    const events: AsyncIterable<ConverseEvent> = {
      async *[Symbol.asyncIterator]() {
        yield { type: 'start', messageId: 'msg_slow' };
        await new Promise((resolve) => options?.signal?.addEventListener('abort', resolve, { once: true }));
      },
    };
    return { events, reply: new Promise<Reply>(() => undefined) };
  },
  history: async () => [],
  close: async () => undefined,
});

describe('streamTurn', () => {
  it('keeps a quiet turn’s connection alive, and ends quietly when the client leaves', async () => {
    const lines: string[] = [];
    const logger = createLogger(
      'debug',
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const request = { threadId: 'main', messageId: 'm1', message: { text: 'hello' } };
    const body = streamTurn(slowConversations(), 'usr_1', request, new AbortController().signal, logger, 20);
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let received = '';
    while (!received.includes(': keep-alive\n\n')) received += decoder.decode((await reader.read()).value);
    expect(received).toMatch(/^data: \{"type":"start","messageId":"msg_slow"\}\n\n/);
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 60)); // keep-alive ticks after the cancel write nothing
    expect(lines).toEqual([]);
  });
});
