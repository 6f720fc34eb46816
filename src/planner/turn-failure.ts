import { AppError, type Clock } from '../shared/index.js';
import type { MongoSaver } from './checkpoint/mongo-saver.js';
import type { ConversationStore } from './conversation-store.js';
import type { ConverseEvent, Reply } from './conversation-types.js';
import { PARTLY_DONE, replayTurn } from './replay-turn.js';
import type { ClaimState } from './turn-claim.js';

export type FailedTurnDeps = { store: ConversationStore; saver: MongoSaver; clock: Clock };

/** A turn that ended without a stored reply, and everything still running for it. */
export type FailedTurn = {
  threadKey: string;
  turnId: string;
  threadId: string;
  graphStop: AbortController;
  /** The graph run, when it had started. */
  run: Promise<unknown> | undefined;
  admitted: Promise<void>;
  claimed: Promise<ClaimState>;
  effects: { writes: number };
  emit: (e: ConverseEvent) => void;
};

/**
 * Ends a failed turn: stops the graph, waits until its exit save is over (or withheld) before the thread moves on,
 * then replays the stored reply of a message seen before, or releases the claim so a re-send runs again. A turn
 * that may have changed something keeps its claim, so a re-send cannot do it twice, and says so honestly.
 */
export const recoverFailedTurn = async (
  deps: FailedTurnDeps,
  turn: FailedTurn,
  error: unknown,
): Promise<Reply> => {
  deps.saver.discard(turn.threadKey);
  turn.graphStop.abort(error);
  await Promise.all([turn.run?.catch(() => undefined), turn.admitted.catch(() => undefined)]);
  deps.saver.allow(turn.threadKey);
  const claimState = await turn.claimed;
  if (claimState === 'seen') {
    // A message seen before: its stored reply, without acting again.
    return replayTurn({ store: deps.store, clock: deps.clock }, turn.turnId, turn.threadId, turn.emit);
  }
  if (claimState === 'ours' && turn.effects.writes > 0) {
    await deps.store.abandon(turn.turnId).catch(() => undefined);
    throw new AppError('UNAVAILABLE', PARTLY_DONE, { retryable: false, cause: error });
  }
  if (claimState === 'ours') await deps.store.release(turn.turnId).catch(() => undefined);
  throw error;
};
