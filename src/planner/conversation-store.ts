import { createHash } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { CollectionIndexes } from '../shared/db.js';
import type { HistoryItem, Reply, ReplyPart } from './conversation-types.js';

const TURNS = 'planner_turns';

/**
 * One incoming message and its answer: claimed once by a unique `_id` (the idempotency key), then completed with
 * the reply. The thread's history is read from these documents (two messages each).
 */
type TurnDoc = {
  _id: string;
  userId: string;
  threadKey: string;
  status: 'running' | 'done';
  userParts: ReplyPart[];
  reply: Reply | null;
  createdAt: Date;
};

export const conversationIndexes: CollectionIndexes[] = [
  { collection: TURNS, indexes: [{ key: { threadKey: 1, createdAt: -1 }, name: 'thread_recent' }] },
];

const isDuplicateKey = (error: unknown) => (error as { code?: number } | null)?.code === 11000;

/** Ids derived from the channel's message id, so a retried message maps to the same documents. */
export const turnIdsOf = (threadKey: string, messageId: string) => {
  const hash = createHash('sha256').update(`${threadKey}\u0000${messageId}`).digest('base64url').slice(0, 32);
  return { turnId: `turn_${hash}`, userMessageId: `msg_${hash}_u`, replyId: `msg_${hash}_a` };
};

export type ConversationStore = ReturnType<typeof createConversationStore>;

/** Turns (idempotency and history); the hot path reads and writes by `_id` only. */
export const createConversationStore = (db: Db) => {
  const turns: Collection<TurnDoc> = db.collection<TurnDoc>(TURNS);

  return {
    /** Claims a turn; false when this message was seen before (answered or still running). */
    claim: async (turn: Omit<TurnDoc, 'status' | 'reply'>): Promise<boolean> => {
      try {
        await turns.insertOne({ ...turn, status: 'running', reply: null });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    turn: (turnId: string) => turns.findOne({ _id: turnId }),
    finish: async (turnId: string, reply: Reply) => {
      await turns.updateOne({ _id: turnId }, { $set: { status: 'done', reply } });
    },
    /** Lets the same message be tried again after a failure that answered nothing. */
    release: async (turnId: string) => {
      await turns.deleteOne({ _id: turnId, status: 'running' });
    },
    /** The newest `limit` messages of a thread, oldest first; a turn still running shows its question only. */
    history: async (userId: string, threadKey: string, limit: number): Promise<HistoryItem[]> => {
      const docs = await turns
        .find({ threadKey, userId })
        .sort({ createdAt: -1 })
        .limit(Math.ceil(limit / 2) + 1)
        .toArray();
      const items = docs.reverse().flatMap((d): HistoryItem[] => {
        const question: HistoryItem = { id: `${d._id}_u`, role: 'user', parts: d.userParts, createdAt: d.createdAt.toISOString() };
        return d.reply
          ? [question, { id: d.reply.id, role: 'assistant', parts: d.reply.parts, createdAt: d.reply.createdAt }]
          : [question];
      });
      return items.slice(-limit);
    },
  };
};
