import { createHash } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { CollectionIndexes } from '../shared/index.js';
import type { HistoryItem, Reply, ReplyPart } from './conversation-types.js';

const TURNS = 'planner_turns';

/**
 * One incoming message, claimed once by a unique `_id` (the idempotency key), and, in a document of its own, its
 * answer. Both are inserts: on FerretDB an insert stays cheap as the collection grows while an update by `_id` does
 * not. The thread's history is read from these documents.
 */
type TurnDoc = {
  _id: string;
  userId: string;
  threadKey: string;
  /** `failed`: the turn changed something and then failed; the message is kept so it is never acted on twice. */
  status: 'running' | 'failed';
  userParts: ReplyPart[];
  createdAt: Date;
};
type ReplyDoc = {
  _id: string;
  kind: 'reply';
  turnId: string;
  userId: string;
  threadKey: string;
  reply: Reply;
  createdAt: Date;
};
type StoredDoc = TurnDoc | ReplyDoc;

const isReply = (doc: StoredDoc): doc is ReplyDoc => 'kind' in doc && doc.kind === 'reply';
const replyDocId = (turnId: string) => `${turnId}_a`;

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
  const turns: Collection<StoredDoc> = db.collection<StoredDoc>(TURNS);

  return {
    /** Claims a turn; false when this message was seen before (answered or still running). */
    claim: async (turn: Omit<TurnDoc, 'status'>): Promise<boolean> => {
      try {
        await turns.insertOne({ ...turn, status: 'running' });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    /** The claimed message, while no answer is stored yet. */
    turn: async (turnId: string) => {
      const doc = await turns.findOne({ _id: turnId });
      return doc && !isReply(doc) ? doc : null;
    },
    /** The stored answer to a message, if it has one. */
    reply: async (turnId: string) => {
      const doc = await turns.findOne({ _id: replyDocId(turnId) });
      return doc && isReply(doc) ? doc.reply : null;
    },
    finish: async (turn: Pick<TurnDoc, '_id' | 'userId' | 'threadKey'>, reply: Reply) => {
      await turns.insertOne({
        _id: replyDocId(turn._id),
        kind: 'reply',
        turnId: turn._id,
        userId: turn.userId,
        threadKey: turn.threadKey,
        reply,
        createdAt: new Date(reply.createdAt),
      });
    },
    /** Marks a turn that changed something and then failed, so a re-send of its message hears so at once. */
    abandon: async (turnId: string) => {
      await turns.updateOne({ _id: turnId, status: 'running' }, { $set: { status: 'failed' } });
    },
    /** Lets the same message be tried again after a failure that changed and answered nothing. */
    release: async (turnId: string) => {
      await turns.deleteOne({ _id: turnId, status: 'running' });
    },
    /** Deletes every turn and answer of a person. */
    removeUser: async (userId: string) => {
      await turns.deleteMany({ userId });
    },
    /** Gives a person's turns to another account (the same person, linked); thread keys begin with the owner's id. */
    moveUser: async (from: string, into: string) => {
      for (const doc of await turns.find({ userId: from }, { projection: { threadKey: 1 } }).toArray()) {
        const threadKey = doc.threadKey.startsWith(`${from}:`)
          ? `${into}${doc.threadKey.slice(from.length)}`
          : doc.threadKey;
        await turns.updateOne({ _id: doc._id }, { $set: { userId: into, threadKey } });
      }
    },
    /** A person's turns and answers, oldest first (their data export). */
    allOf: (userId: string) => turns.find({ userId }).sort({ createdAt: 1, _id: 1 }),
    countOf: (userId: string) => turns.countDocuments({ userId }),
    /** How many messages a person sent, and when the latest turn was (an operator's usage view). */
    activityOf: async (userId: string): Promise<{ turns: number; lastAt: Date | null }> => {
      const [count, last] = await Promise.all([
        turns.countDocuments({ userId, kind: { $exists: false } }),
        turns
          .find({ userId }, { projection: { createdAt: 1 } })
          .sort({ createdAt: -1 })
          .limit(1)
          .next(),
      ]);
      return { turns: count, lastAt: last?.createdAt ?? null };
    },
    /** The newest `limit` messages of a thread, oldest first; a turn still running shows its question only. */
    history: async (userId: string, threadKey: string, limit: number): Promise<HistoryItem[]> => {
      const docs = await turns
        .find({ threadKey, userId })
        .sort({ createdAt: -1 })
        .limit(limit + 1)
        .toArray();
      const answers = new Map(docs.filter(isReply).map((d) => [d.turnId, d.reply]));
      const items = docs
        .filter((d): d is TurnDoc => !isReply(d))
        .reverse()
        .flatMap((d): HistoryItem[] => {
          const question: HistoryItem = {
            id: `${d._id}_u`,
            role: 'user',
            parts: d.userParts,
            createdAt: d.createdAt.toISOString(),
          };
          const answer = answers.get(d._id);
          return answer
            ? [
                question,
                { id: answer.id, role: 'assistant', parts: answer.parts, createdAt: answer.createdAt },
              ]
            : [question];
        });
      return items.slice(-limit);
    },
  };
};
