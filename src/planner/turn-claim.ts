import { AppError } from '../shared/index.js';
import type { MongoSaver } from './checkpoint/mongo-saver.js';
import type { ConversationStore } from './conversation-store.js';

/** How the claim of a turn's message ended: this turn's to answer, seen before (a re-send), or not written. */
export type ClaimState = 'ours' | 'seen' | 'failed';

export type TurnClaim = {
  claimed: Promise<ClaimState>;
  /** Settles when the turn may act; rejects for a message seen before or a claim that failed. */
  admitted: Promise<void>;
};

/**
 * Claims the message while the thread's checkpoint loads and the graph starts. The graph waits for `admitted` before
 * it decides anything (load_context); a run whose message was seen before stops there and saves nothing.
 */
export const claimMessage = (
  store: ConversationStore,
  saver: MongoSaver,
  turn: Parameters<ConversationStore['claim']>[0],
): TurnClaim => {
  saver.prefetch(turn.threadKey);
  const claim = store.claim(turn);
  const claimed: Promise<ClaimState> = claim.then(
    (ours) => (ours ? 'ours' : 'seen'),
    () => 'failed',
  );
  const admitted = claim
    .then((ours) => {
      if (!ours) throw new AppError('CONFLICT', 'This message was seen before.');
    })
    .catch((error: unknown) => {
      saver.withhold(turn.threadKey); // before the graph sees the failure and saves on its way out
      throw error;
    });
  admitted.catch(() => undefined); // the graph and the turn's failure path handle it
  return { claimed, admitted };
};
