import type { Collection, Document, Filter, WithId } from 'mongodb';

/**
 * Documents by `_id`, as point reads in parallel. On FerretDB 1.x a lone `_id` equality is the only filter that
 * does not scan the whole collection, which makes this far faster there than one `$in`; on MongoDB it costs a
 * few more round trips. Callers check ownership on what comes back.
 */
export const findByIds = async <T extends Document & { _id: string }>(
  collection: Collection<T>,
  ids: string[],
): Promise<WithId<T>[]> => {
  const found: WithId<T>[] = [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 16) {
    const batch = await Promise.all(
      unique.slice(i, i + 16).map((_id) => collection.findOne({ _id } as Filter<T>)),
    );
    for (const doc of batch) if (doc) found.push(doc);
  }
  return found;
};
