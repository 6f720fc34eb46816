import type { Db } from 'mongodb';
import { z } from 'zod';
import { newId, type Clock, type CollectionIndexes } from '../../shared/index.js';

/** Who acted, through which edge: recorded with every state change. */
export type Actor = { userId: string; via: 'api' | 'mcp' | 'cli' | 'chat' | 'job' | 'system' };

export type AuditEntry = {
  _id: string;
  userId: string;
  via: Actor['via'];
  action: string;
  entity: string;
  entityId: string | null;
  at: Date;
  meta: Record<string, unknown>;
};

export const AuditEntrySchema = z.object({
  id: z.string(),
  via: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  at: z.iso.datetime(),
  meta: z.record(z.string(), z.unknown()),
});

export const toAuditEntryDto = (e: AuditEntry): z.infer<typeof AuditEntrySchema> => ({
  id: e._id,
  via: e.via,
  action: e.action,
  entity: e.entity,
  entityId: e.entityId,
  at: e.at.toISOString(),
  meta: e.meta,
});

/** Append-only record of every state-changing action. `meta` must never hold secrets. */
export type AuditLog = {
  record: (
    actor: Actor,
    action: string,
    entity: string,
    entityId: string | null,
    meta?: Record<string, unknown>,
  ) => Promise<void>;
  /** Newest first; `action` narrows to one kind (an equality the server serves from an index, whatever the history). */
  list: (
    userId: string,
    options?: { limit?: number; before?: Date; action?: string },
  ) => Promise<AuditEntry[]>;
};

export const auditIndexes: CollectionIndexes = {
  collection: 'audit_log',
  indexes: [
    { key: { userId: 1, at: -1 }, name: 'user_time' },
    { key: { userId: 1, action: 1, at: -1 }, name: 'user_action_time' },
  ],
};

export const createAuditLog = (db: Db, clock: Clock): AuditLog => {
  const entries = db.collection<AuditEntry>('audit_log');
  return {
    record: async (actor, action, entity, entityId, meta = {}) => {
      await entries.insertOne({
        _id: newId('aud'),
        userId: actor.userId,
        via: actor.via,
        action,
        entity,
        entityId,
        at: clock.now(),
        meta,
      });
    },
    list: async (userId, { limit = 50, before, action } = {}) =>
      entries
        .find({ userId, ...(action ? { action } : {}), ...(before ? { at: { $lt: before } } : {}) })
        .sort({ at: -1 })
        .limit(Math.min(Math.max(limit, 1), 200))
        .toArray(),
  };
};
