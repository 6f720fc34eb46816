import type { ConverseEvent, HistoryItem, Reply, ReplyPart } from '../../planner/index.js';

// The AI SDK "UI message stream" protocol, v1 (what `useChat` reads): SSE events whose data is one JSON chunk each,
// ending with `data: [DONE]`. Text streams as text-start/text-delta/text-end; our rich parts travel as custom
// `data-<name>` parts (data-task-list, data-choices, data-celebration), which useChat keeps on the message.

export const UI_MESSAGE_STREAM_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-vercel-ai-ui-message-stream': 'v1',
  'x-accel-buffering': 'no',
} as const;

export type UiChunk =
  | { type: 'start'; messageId: string }
  | { type: 'text-start'; id: string }
  | { type: 'text-delta'; id: string; delta: string }
  | { type: 'text-end'; id: string }
  | { type: `data-${string}`; id?: string; data: unknown; transient?: boolean }
  | { type: 'message-metadata'; messageMetadata: Record<string, unknown> }
  | { type: 'error'; errorText: string }
  | { type: 'abort' }
  | { type: 'finish' };

/** A UI message part as useChat stores it: text, or one of our data parts. */
export type UiPart =
  { type: 'text'; text: string; state?: 'done' } | { type: `data-${string}`; id?: string; data: unknown };

export type UiMessage = {
  id: string;
  role: 'user' | 'assistant';
  parts: UiPart[];
  metadata?: Record<string, unknown>;
};

const dataName: Record<Exclude<ReplyPart['type'], 'text'>, string> = {
  task_list: 'data-task-list',
  choices: 'data-choices',
  celebration: 'data-celebration',
};

/** One reply part as a UI message part (history, and the non-streamed parts of a turn). */
export const toUiPart = (part: ReplyPart, id: string): UiPart =>
  part.type === 'text'
    ? { type: 'text', text: part.text, state: 'done' }
    : { type: dataName[part.type] as `data-${string}`, id, data: part };

/** A stored message as useChat's UIMessage, for history after a reload. */
export const toUiMessage = (item: HistoryItem): UiMessage => ({
  id: item.id,
  role: item.role,
  parts: item.parts.map((part, i) => toUiPart(part, `${item.id}-${i}`)),
  metadata: { createdAt: item.createdAt },
});

/** One SSE event carrying one chunk. */
export const sseData = (chunk: UiChunk | '[DONE]'): string =>
  `data: ${chunk === '[DONE]' ? chunk : JSON.stringify(chunk)}\n\n`;

/**
 * Turns the planner's events into protocol chunks. Stateful per turn: it opens and closes text blocks, and on `done`
 * sends whatever parts of the final reply were not streamed (e.g. a replayed answer to a re-sent message id).
 */
export const createUiMessageEncoder = () => {
  let messageId = '';
  let openText: string | null = null;
  let textBlocks = 0;
  let streamedText = '';
  const sentParts = new Set<string>();
  let finished = false;

  const closeText = (): UiChunk[] => {
    if (openText === null) return [];
    const id = openText;
    openText = null;
    return [{ type: 'text-end', id }];
  };
  const newTextId = () => `${messageId || 'msg'}-t${textBlocks++}`;
  const wholeText = (text: string): UiChunk[] => {
    const id = newTextId();
    return [
      { type: 'text-start', id },
      { type: 'text-delta', id, delta: text },
      { type: 'text-end', id },
    ];
  };
  const partChunks = (part: ReplyPart): UiChunk[] => {
    const key = JSON.stringify(part);
    if (sentParts.has(key)) return [];
    sentParts.add(key);
    if (part.type === 'text') {
      // The first text part is what the deltas already spelled out (give or take the outer whitespace a model
      // may end its stream with).
      if (streamedText.trim() !== '' && part.text.trim() === streamedText.trim()) return [];
      return [...closeText(), ...wholeText(part.text)];
    }
    const ui = toUiPart(part, `${messageId || 'msg'}-p${sentParts.size}`);
    return [...closeText(), ui as UiChunk];
  };

  const encode = (event: ConverseEvent): UiChunk[] => {
    if (finished) return [];
    switch (event.type) {
      case 'start':
        messageId = event.messageId;
        return [{ type: 'start', messageId }];
      case 'text-delta': {
        if (event.delta === '') return [];
        const chunks: UiChunk[] = [];
        if (openText === null) {
          openText = newTextId();
          chunks.push({ type: 'text-start', id: openText });
        }
        streamedText += event.delta;
        chunks.push({ type: 'text-delta', id: openText, delta: event.delta });
        return chunks;
      }
      case 'part':
        return partChunks(event.part);
      case 'tool':
        return [{ type: 'data-tool', data: { name: event.name, status: event.status }, transient: true }];
      case 'done':
        finished = true;
        return finish(event.reply);
      case 'error':
        finished = true;
        return [...closeText(), { type: 'error', errorText: event.message }, { type: 'finish' }];
    }
  };

  const finish = (reply: Reply): UiChunk[] => {
    const chunks: UiChunk[] = messageId === '' ? [{ type: 'start', messageId: (messageId = reply.id) }] : [];
    for (const part of reply.parts) chunks.push(...partChunks(part));
    chunks.push(...closeText());
    chunks.push({
      type: 'message-metadata',
      messageMetadata: { basicMode: reply.basicMode, createdAt: reply.createdAt, threadId: reply.threadId },
    });
    chunks.push({ type: 'finish' });
    return chunks;
  };

  return {
    encode,
    /** Whether `done` or `error` has been sent. */
    isFinished: () => finished,
    /** The person pressed stop (or went away): close what is open and say so. */
    abort: (): UiChunk[] => (finished ? [] : ((finished = true), [...closeText(), { type: 'abort' }])),
  };
};
