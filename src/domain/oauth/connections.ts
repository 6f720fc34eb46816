import type { Db } from 'mongodb';
import { z } from 'zod';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { AppError, type Clock, type CollectionIndexes } from '../../shared/index.js';
import type { OAuthStore } from './oauth-store.js';

/** An app a person connected through OAuth: what they saw on the consent page when they said yes. */
export const ConnectionSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  redirectHost: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
});
export type Connection = z.infer<typeof ConnectionSchema>;

type ConnectionDoc = {
  /** The grant id: revoking the connection revokes the grant and every token issued under it. */
  _id: string;
  userId: string;
  clientId: string;
  clientName: string;
  redirectHost: string;
  scopes: string[];
  createdAt: Date;
};

const toConnection = (doc: ConnectionDoc): Omit<Connection, 'expiresAt'> => ({
  id: doc._id,
  clientId: doc.clientId,
  clientName: doc.clientName,
  redirectHost: doc.redirectHost,
  scopes: doc.scopes,
  createdAt: doc.createdAt.toISOString(),
});

export const connectionIndexes: CollectionIndexes = {
  collection: 'oauth_connections',
  indexes: [{ key: { userId: 1, createdAt: -1 }, name: 'user_time' }],
};

export const createConnectionRepo = (db: Db) => {
  const connections = db.collection<ConnectionDoc>('oauth_connections');
  return {
    save: async (doc: ConnectionDoc) => {
      const { _id, ...fields } = doc;
      await connections.replaceOne({ _id }, fields, { upsert: true });
    },
    list: (userId: string) => connections.find({ userId }).sort({ createdAt: -1 }).limit(200).toArray(),
    get: (userId: string, id: string) => connections.findOne({ _id: id, userId }),
    remove: async (id: string) => {
      await connections.deleteOne({ _id: id });
    },
  };
};
export type ConnectionRepo = ReturnType<typeof createConnectionRepo>;

export type ConnectionDeps = {
  connections: ConnectionRepo;
  oauthStore: OAuthStore;
  audit: AuditLog;
  clock: Clock;
};

/** Records a grant the person just approved (or widened) on the consent page. */
export const recordConnection = async (
  deps: Pick<ConnectionDeps, 'connections' | 'clock'>,
  input: Omit<ConnectionDoc, 'createdAt'>,
) => deps.connections.save({ ...input, createdAt: deps.clock.now() });

/** The person's connected apps whose grant is still live; a lapsed grant is no connection. */
export const listConnections = async (deps: ConnectionDeps, userId: string): Promise<Connection[]> => {
  const grants = new Map(
    (await deps.oauthStore.grantsOf(userId)).map((g) => [String(g.payload.jti), g.expiresAt]),
  );
  return (await deps.connections.list(userId))
    .filter((doc) => grants.has(doc._id))
    .map((doc) => ({ ...toConnection(doc), expiresAt: grants.get(doc._id)?.toISOString() ?? null }));
};

/** Disconnects an app: its grant and every code and token issued under it stop working at once. */
export const revokeConnection = async (
  deps: ConnectionDeps,
  actor: Actor,
  id: string,
): Promise<Connection> => {
  const doc = await deps.connections.get(actor.userId, id);
  if (!doc) throw new AppError('NOT_FOUND', 'There is no connected app with that id.');
  await deps.oauthStore.revokeByGrantId(id);
  await deps.oauthStore.destroy('Grant', id);
  await deps.connections.remove(id);
  await deps.audit.record(actor, 'oauth_connection.revoked', 'oauth_connection', id, {
    clientId: doc.clientId,
  });
  return { ...toConnection(doc), expiresAt: null };
};
