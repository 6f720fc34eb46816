import type { Clock } from '../shared/index.js';
import { turnIdsOf, type ConversationStore } from './conversation-store.js';
import type { ConverseEvent, Reply } from './conversation-types.js';

const STALE_TURN_MS = 2 * 60_000;
const DUPLICATE_WAIT_MS = 30_000;

/** What a person hears when a turn changed something and then failed: never "try again" blindly. */
export const PARTLY_DONE =
  'Something went wrong partway through that message, so part of it may be done. Please check your list before sending it again.';
const LOST_TRACK = 'I lost track of that message, so I may not have acted on it. Could you send it again?';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A message seen before: its stored reply (waiting for a run still in progress), without acting again. A turn
 * that failed, went stale or never answers gets an honest line instead of a guess.
 */
export const replayTurn = async (
  deps: { store: ConversationStore; clock: Clock },
  turnId: string,
  threadId: string,
  emit: (e: ConverseEvent) => void,
): Promise<Reply> => {
  const deadline = Date.now() + DUPLICATE_WAIT_MS;
  for (;;) {
    const [stored, turn] = await Promise.all([deps.store.reply(turnId), deps.store.turn(turnId)]);
    if (stored) {
      for (const part of stored.parts) {
        if (part.type === 'text') emit({ type: 'text-delta', delta: part.text });
        else emit({ type: 'part', part });
      }
      return stored;
    }
    const stale = turn && deps.clock.now().getTime() - turn.createdAt.getTime() > STALE_TURN_MS;
    if (!turn || turn.status === 'failed' || stale || Date.now() > deadline) {
      const text = turn?.status === 'failed' ? PARTLY_DONE : LOST_TRACK;
      emit({ type: 'text-delta', delta: text });
      return {
        id: turnIdsOf('', turnId).replyId,
        threadId,
        parts: [{ type: 'text', text }],
        text,
        basicMode: true,
        createdAt: deps.clock.now().toISOString(),
      };
    }
    await sleep(100);
  }
};
