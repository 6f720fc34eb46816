/** The planner: the LangGraph conversation graph and the conversation service every channel uses. */
import type { CollectionIndexes } from '../shared/index.js';
import { checkpointIndexes } from './checkpoint/mongo-saver.js';
import { conversationIndexes } from './conversation-store.js';

export {
  createConversations,
  type ConversationsDeps,
  type ConverseOptions,
  type PlannerConversations,
  type TurnStats,
} from './create-conversations.js';
export { MongoSaver } from './checkpoint/mongo-saver.js';
export { plannerAccountPart } from './account-part.js';
export {
  PlannerMcpServerSchema,
  PlannerMcpServersSchema,
  type PlannerMcpServer,
} from './tools/external-servers.js';
export * from './conversation-types.js';

/** Every index the planner needs, ensured at start-up. */
export const plannerIndexes: CollectionIndexes[] = [checkpointIndexes, ...conversationIndexes];
