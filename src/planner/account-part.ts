import type { Db } from 'mongodb';
import type { AccountPart } from '../domain/index.js';
import { createConversationStore } from './conversation-store.js';
import type { PlannerConversations } from './create-conversations.js';

/** A person's conversations: every message and answer (exported), and the planner's checkpoints (internal state). */
export const plannerAccountPart = (
  db: Db,
  conversations: Pick<PlannerConversations, 'forgetUser'>,
): AccountPart => {
  const store = createConversationStore(db);
  return {
    name: 'conversation_turns',
    exportOf: async function* (userId) {
      for await (const { _id, userId: _owner, ...turn } of store.allOf(userId)) yield { id: _id, ...turn };
    },
    count: (userId) => store.countOf(userId),
    erase: (userId) => conversations.forgetUser(userId),
    // The conversation (what was said) joins the other account's threads; the planner's checkpoints are its
    // working state for the old account's threads and are dropped (forgetUser finds no turns left to remove).
    mergeInto: async (from, into) => {
      await store.moveUser(from, into);
      await conversations.forgetUser(from);
    },
  };
};
