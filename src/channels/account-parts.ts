import type { Db } from 'mongodb';
import { collectionPart, createIdentityRepo, startsWithUser, type AccountPart } from '../domain/index.js';

/**
 * SMS records are keyed by phone number, so this part reads the person's numbers from their identities and must
 * run before those are deleted. A number that texted STOP stays opted out (the record holds the number and the flag,
 * nothing else): deleting an account must not make us text that number again.
 */
const smsPart = (db: Db): AccountPart => {
  const identities = createIdentityRepo(db);
  const phonesOf = async (userId: string) =>
    (await identities.list(userId)).filter((i) => i.channel === 'sms').map((i) => i.address);
  const threads = db.collection<{ _id: string }>('sms_threads');
  const messages = db.collection<{ to: string }>('sms_messages');
  const outbox = db.collection<{ to: string }>('sms_outbox');
  const numbers = db.collection<{ _id: string; optedOut: boolean }>('sms_numbers');
  return {
    name: 'sms',
    count: async (userId) => {
      const phones = await phonesOf(userId);
      return (
        (await threads.countDocuments({ _id: { $regex: startsWithUser(userId) } })) +
        (phones.length === 0 ? 0 : await messages.countDocuments({ to: { $in: phones } }))
      );
    },
    erase: async (userId) => {
      const phones = await phonesOf(userId);
      await threads.deleteMany({ _id: { $regex: startsWithUser(userId) } });
      if (phones.length === 0) return;
      await messages.deleteMany({ to: { $in: phones } });
      await outbox.deleteMany({ to: { $in: phones } });
      await numbers.deleteMany({ _id: { $in: phones }, optedOut: { $ne: true } });
    },
    // Messages and opt-outs follow the number (its identity moves); a thread's paging state is per account.
    mergeInto: async (from) => {
      await threads.deleteMany({ _id: { $regex: startsWithUser(from) } });
    },
  };
};

/** What channels keep of a person, in deletion order: `first` before the domain's identities go, `rest` after. */
export const channelAccountParts = (db: Db): { first: AccountPart[]; rest: AccountPart[] } => ({
  first: [smsPart(db)],
  rest: [
    collectionPart(db, { name: 'inbox', collection: 'inbox', filter: (userId) => ({ userId }) }),
    collectionPart(db, {
      name: 'inbound_events',
      collection: 'inbound_events',
      filter: (userId) => ({ userId }),
      exportAs: false,
    }),
  ],
});
