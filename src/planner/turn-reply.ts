import type { Clock } from '../shared/index.js';
import type { ConversationStore } from './conversation-store.js';
import type { Reply, ReplyBudget, ReplyPart } from './conversation-types.js';
import { fitReply } from './reply/fit-reply.js';
import type { ClaimState } from './turn-claim.js';

type FittedReply = { parts: ReplyPart[]; text: string };
type StoredReply = { reply: Reply; stored: Promise<unknown> };

/** The one reply of a turn: the graph's, or, when the person stopped the turn first, what had been streamed. */
export type TurnReply = {
  /** The reply once one was given (its storing may still be under way). */
  current: () => StoredReply | undefined;
  /** Resolves once the graph's reply is stored (or failed to be). */
  answeredNow: Promise<void>;
  /** The graph's reply: built and stored once; ignored once the turn is stopped. */
  fromGraph: (fitted: FittedReply, basicMode: boolean, isStopped: boolean) => Promise<void>;
  /** The reply given when the graph gave none; the one given before when it did. */
  orStopped: (streamed: string, budget: ReplyBudget) => StoredReply;
};

export type TurnReplyDeps = { store: ConversationStore; clock: Clock };

export const createTurnReply = (
  deps: TurnReplyDeps,
  record: Parameters<ConversationStore['finish']>[0],
  ids: { replyId: string; threadId: string },
): TurnReply => {
  /** Builds the reply and starts storing it. */
  const answer = (fitted: FittedReply, basicMode: boolean): StoredReply => {
    const reply: Reply = {
      id: ids.replyId,
      threadId: ids.threadId,
      ...fitted,
      basicMode,
      createdAt: deps.clock.now().toISOString(),
    };
    const stored = deps.store.finish(record, reply);
    stored.catch(() => undefined); // awaited by the turn; this only keeps an early failure from going unhandled
    return { reply, stored };
  };
  let answered: StoredReply | undefined;
  let onAnswered = () => {};
  const answeredNow = new Promise<void>((resolve) => (onAnswered = resolve));
  return {
    current: () => answered,
    answeredNow,
    fromGraph: async (fitted, basicMode, isStopped) => {
      if (answered || isStopped) return;
      answered = answer(fitted, basicMode);
      await answered.stored.catch(() => undefined); // the failure is the turn's to report
      onAnswered();
    },
    orStopped: (streamed, budget) =>
      (answered ??= answer(
        fitReply([{ type: 'text', text: streamed ? `${streamed} …(stopped)` : 'Okay, I stopped.' }], budget),
        true,
      )),
  };
};

/**
 * Waits for the turn's reply and its storing: the graph's as soon as it is stored (remembering the turn and saving
 * the checkpoint finish after it), or after a stop, what was streamed. Throws when the graph failed before replying,
 * or when the turn has no reply and its message was not claimed.
 */
export const storedReplyOf = async (
  reply: TurnReply,
  turn: {
    graphRun: Promise<unknown>;
    claimed: Promise<ClaimState>;
    graphSignal: AbortSignal;
    streamed: () => string;
    budget: ReplyBudget;
  },
): Promise<Reply> => {
  const outcome = await Promise.race([
    reply.answeredNow.then(() => null),
    turn.graphRun.then(
      () => null,
      (error: unknown) => ({ error }),
    ),
  ]);
  if (!reply.current() && (await turn.claimed) !== 'ours')
    throw outcome?.error ?? new Error('planner: the turn ended unclaimed');
  if (outcome && !reply.current() && !turn.graphSignal.aborted) throw outcome.error;
  const answered = reply.orStopped(turn.streamed(), turn.budget);
  await answered.stored;
  return answered.reply;
};
