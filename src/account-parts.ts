import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Db } from 'mongodb';
import { channelAccountParts } from './channels/index.js';
import {
  auditExportPart,
  collectionPart,
  createAuditTombstone,
  createMergeRecords,
  domainAccountParts,
  type AccountService,
} from './domain/account/index.js';
import { calendarOfUser } from './domain/calendar/index.js';
import type { Domain } from './domain/create-domain.js';
import { renderCalendar } from './http/routes/calendar.js';
import { userJobsPart } from './jobs/index.js';
import { memoryAccountPart, type MemoryService } from './memory/index.js';
import { plannerAccountPart, type PlannerConversations } from './planner/index.js';

/**
 * Everything a person owns, across layers, in the order deletion takes: ways in (tokens, feeds, apps, identities;
 * SMS records need the identities, so they go just before), then their data, scheduled jobs, memory and
 * conversations. The audit log and the account record itself are handled last by the use case.
 */
export const createAccountService = (deps: {
  db: Db;
  domain: Domain;
  memory: MemoryService;
  conversations: PlannerConversations;
  queues: Queue[];
  redis: Redis;
  jobsPrefix: string;
  /** Caps how often one account or address may try a link code (a wrong code is a guess). */
  limitLinkAttempts?: (key: string) => Promise<void>;
}): AccountService => {
  const channels = channelAccountParts(deps.db);
  return {
    users: deps.domain.users,
    audit: deps.domain.audit,
    clock: deps.domain.clock,
    accountParts: [
      ...channels.first,
      ...domainAccountParts(deps.db, deps.domain.clock),
      ...channels.rest,
      collectionPart(deps.db, {
        name: 'llm_usage',
        collection: 'llm_usage',
        filter: (userId) => ({ userId }),
      }),
      userJobsPart(deps.queues, deps.redis, deps.jobsPrefix),
      memoryAccountPart(deps.db, deps.memory),
      plannerAccountPart(deps.db, deps.conversations),
    ],
    tombstone: createAuditTombstone(deps.db),
    identities: deps.domain.identities,
    merges: createMergeRecords(deps.db),
    ...(deps.limitLinkAttempts ? { limitAttempts: deps.limitLinkAttempts } : {}),
    auditPart: auditExportPart(deps.db),
    calendarIcs: async (userId) => {
      const calendar = await calendarOfUser(deps.domain, userId);
      return calendar && renderCalendar(calendar);
    },
  };
};
