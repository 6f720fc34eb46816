import type { Db } from 'mongodb';

/**
 * What a channel's provider reports about a delivery after it was sent (e.g. Twilio's queued, sent, delivered), kept
 * on the delivery log entry. `rank` orders the statuses: an entry only ever moves to a further one, as callbacks
 * arrive out of order.
 */
export type ProviderStatusLog = {
  advance: (notificationId: string, status: string, rank: number) => Promise<void>;
};

export const createProviderStatusLog = (db: Db): ProviderStatusLog => {
  const notifications = db.collection<{ _id: string; providerStatus?: string; providerRank?: number }>(
    'notifications',
  );
  return {
    advance: async (notificationId, status, rank) => {
      await notifications.updateOne(
        { _id: notificationId, $or: [{ providerRank: { $exists: false } }, { providerRank: { $lt: rank } }] },
        { $set: { providerStatus: status, providerRank: rank } },
      );
    },
  };
};
