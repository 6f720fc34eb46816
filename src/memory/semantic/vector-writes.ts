import type { Collection, UpdateFilter } from 'mongodb';
import { isDuplicateKeyError } from '../../shared/index.js';
import type { VectorDoc } from './vector-doc.js';

/** New items (the usual case) go in with one call; items seen before are replaced one by one. */
export const insertOrReplace = async (vectors: Collection<VectorDoc>, docs: VectorDoc[]) => {
  let seenBefore: VectorDoc[] = [];
  try {
    await vectors.insertMany(docs, { ordered: false });
  } catch (error) {
    const failures = (error as { writeErrors?: Array<{ code?: number; index: number }> }).writeErrors ?? [];
    if (failures.length > 0 && failures.every((f) => f.code === 11000))
      seenBefore = failures.map((f) => docs[f.index]!);
    else if (isDuplicateKeyError(error)) seenBefore = docs;
    else throw error;
  }
  for (const { _id, ...content } of seenBefore) await vectors.updateOne({ _id }, { $set: content });
};

// One statement per id, filtered on `_id` alone (it embeds the owner): the one filter FerretDB pushes down to
// its storage. In small batches, since FerretDB 1.24 stalls on large batches of update statements.
export const updateEach = async (
  vectors: Collection<VectorDoc>,
  ids: string[],
  update: UpdateFilter<VectorDoc>,
) => {
  for (let i = 0; i < ids.length; i += 50) {
    const batch = ids.slice(i, i + 50).map((_id) => ({ updateOne: { filter: { _id }, update } }));
    await vectors.bulkWrite(batch, { ordered: false });
  }
};
