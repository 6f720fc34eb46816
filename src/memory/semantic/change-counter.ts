import { randomBytes } from 'node:crypto';
import type { Collection } from 'mongodb';

/** Per owner: the change counter, and the writes that have taken a number but may not be visible yet. */
export type IndexStateDoc = {
  _id: string;
  seq: number;
  purgedThrough: number;
  inFlight?: Record<string, Date>;
};

/** A write still in flight after this long belongs to a process that died. */
const STALE_WRITE_MS = 60_000;

const newWriteId = () => randomBytes(8).toString('hex');

// A write takes the next change number and, in the same atomic update, registers itself as in flight; it
// unregisters once its documents are written. A reader that sees nothing in flight knows every change up to
// the counter is visible; otherwise it applies what it finds but re-reads from the same point next time.
// In-flight marks use the wall clock (they are about process liveness, not about the person's time).
export const writeNumbered = async (
  states: Collection<IndexStateDoc>,
  userId: string,
  apply: (seq: number) => Promise<void>,
): Promise<void> => {
  const writeId = newWriteId();
  const doc = await states.findOneAndUpdate(
    { _id: userId },
    { $inc: { seq: 1 }, $set: { [`inFlight.${writeId}`]: new Date() }, $setOnInsert: { purgedThrough: 0 } },
    { upsert: true, returnDocument: 'after' },
  );
  try {
    await apply(doc?.seq ?? 1);
  } finally {
    await states.updateOne({ _id: userId }, { $unset: { [`inFlight.${writeId}`]: '' } });
  }
};

/** The owner's counter, whether every change up to it is visible, and the newest purged change. */
export const readChangeState = async (states: Collection<IndexStateDoc>, userId: string) => {
  const doc = await states.findOne({ _id: userId });
  const staleBefore = Date.now() - STALE_WRITE_MS; // a writer silent this long has died; its write is moot
  const isSettled = Object.values(doc?.inFlight ?? {}).every(
    (startedAt) => startedAt.getTime() < staleBefore,
  );
  return { seq: doc?.seq ?? 0, isSettled, purgedThrough: doc?.purgedThrough ?? 0 };
};

/** A writer that died mid-write leaves its in-flight mark; readers already ignore it, this removes it. */
export const clearStaleWrites = async (states: Collection<IndexStateDoc>) => {
  const staleBefore = Date.now() - STALE_WRITE_MS;
  for await (const state of states.find({}, { projection: { inFlight: 1 } })) {
    const stale = Object.entries(state.inFlight ?? {}).filter(
      ([, startedAt]) => startedAt.getTime() < staleBefore,
    );
    if (stale.length === 0) continue;
    await states.updateOne(
      { _id: state._id },
      { $unset: Object.fromEntries(stale.map(([id]) => [`inFlight.${id}`, ''])) },
    );
  }
};
