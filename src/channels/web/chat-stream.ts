import type { ConverseEvent, Conversations } from '../../planner/index.js';
import { toAppError, type Logger } from '../../shared/index.js';
import type { ChatRequest } from './chat-request.js';
import { createUiMessageEncoder, sseData, type UiChunk } from './ui-message-stream.js';

const encoder = new TextEncoder();
/**
 * A comment line sent while a turn is quiet (a slow model reading a long prompt): proxies and HTTP clients drop a
 * silent connection long before LLM_TIMEOUT_MS (nginx after 60 s, Node's fetch after 300 s). Parsers skip comments.
 */
const KEEPALIVE_MS = 15_000;

/**
 * Runs one turn and streams it as an AI SDK UI message stream (serve with UI_MESSAGE_STREAM_HEADERS). The turn stops when the client goes away (the stop
 * button aborts the fetch): the request's signal and the body's cancel both abort the planner's signal.
 */
export const streamTurn = (
  conversations: Conversations,
  userId: string,
  request: ChatRequest,
  requestSignal: AbortSignal,
  logger: Logger,
  keepAliveMs = KEEPALIVE_MS,
): ReadableStream<Uint8Array> => {
  const stop = new AbortController();
  const abort = () => stop.abort();
  requestSignal.addEventListener('abort', abort, { once: true });
  const stopped = new Promise<'stopped'>((resolve) =>
    stop.signal.addEventListener('abort', () => resolve('stopped'), { once: true }),
  );
  const uiEncoder = createUiMessageEncoder();

  /** Set once the client has cancelled the body: its controller is closed, and writing to it would throw. */
  let isCancelled = false;
  const body = new ReadableStream<Uint8Array>({
    start: async (controller) => {
      const write = (chunks: UiChunk[]) => {
        if (isCancelled) return;
        for (const chunk of chunks) controller.enqueue(encoder.encode(sseData(chunk)));
      };
      const keepAlive = setInterval(() => {
        try {
          if (!isCancelled) controller.enqueue(encoder.encode(': keep-alive\n\n'));
        } catch {
          // closed underneath us: the turn's own end cleans up
        }
      }, keepAliveMs);
      try {
        const turn = conversations.converse({ userId, channel: 'web', ...request }, { signal: stop.signal });
        // Callers that stop reading still get a settled promise; its failure is reported through the events.
        turn.reply.catch(() => undefined);
        const events = turn.events[Symbol.asyncIterator]();
        for (;;) {
          const next: IteratorResult<ConverseEvent> | 'stopped' = await Promise.race([
            events.next(),
            stopped,
          ]);
          if (next === 'stopped') {
            void events.return?.().catch(() => undefined); // lets the planner clean up; we are not waiting for it
            write(uiEncoder.abort());
            break;
          }
          if (next.done) break;
          write(uiEncoder.encode(next.value));
          if (uiEncoder.isFinished()) break;
        }
        if (!uiEncoder.isFinished()) write(uiEncoder.abort());
      } catch (error) {
        const appError = toAppError(error);
        if (appError.status >= 500) logger.error({ err: error }, 'chat turn failed');
        if (!uiEncoder.isFinished())
          write(uiEncoder.encode({ type: 'error', message: appError.userMessage }));
      } finally {
        clearInterval(keepAlive);
        requestSignal.removeEventListener('abort', abort);
        if (!isCancelled) {
          try {
            controller.enqueue(encoder.encode(sseData('[DONE]')));
            controller.close();
          } catch {
            // the connection closed between the check and the write
          }
        }
      }
    },
    cancel: () => {
      isCancelled = true;
      stop.abort();
    },
  });
  return body;
};
