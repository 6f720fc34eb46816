import type { Redis } from 'ioredis';
import type { InboundQueue } from '../channels/index.js';
import type { Jobs } from '../jobs/index.js';
import type { MemoryService } from '../memory/index.js';
import type { PlannerConversations } from '../planner/index.js';
import { closeDatabase, type Database } from '../shared/index.js';

export type ClosableParts = {
  chatEvents: { close: () => Promise<void> };
  inbound: InboundQueue;
  conversations: PlannerConversations;
  jobs: Jobs;
  memory: MemoryService;
  email: { close: () => void } | undefined;
  redis: Redis;
  database: Database;
  /** Stops the local servers this process started (after everything that talks to them). */
  releaseLocalServices: () => Promise<void>;
};

/** Closes in dependency order: producers of work first, then what they use, the stores and local servers last. */
export const closeInOrder = async (parts: ClosableParts): Promise<void> => {
  await parts.chatEvents.close();
  await parts.inbound.close(); // lets in-flight turns finish while the planner still runs
  await parts.conversations.close();
  await parts.jobs.close();
  await parts.memory.close(); // writes changed index files; they would be rebuilt anyway, this saves the work
  parts.email?.close();
  parts.redis.disconnect();
  await closeDatabase(parts.database);
  await parts.releaseLocalServices();
};
