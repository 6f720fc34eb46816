import type { Db, Document, Filter } from 'mongodb';
import { escapeRegex } from '../../shared/index.js';

/**
 * One kind of data a person owns, wherever it lives (a collection, Redis, index files). Export and deletion walk
 * the same list, so whatever can be deleted is also accounted for (and whatever is exported is also deleted).
 */
export type AccountPart = {
  name: string;
  /** The person's records as plain JSON values, streamed; absent: bookkeeping or secrets, never exported. */
  exportOf?: (userId: string) => AsyncIterable<unknown>;
  /** How many records it holds for the person (shown before deletion is confirmed). */
  count: (userId: string) => Promise<number>;
  /** Removes the person's records; running it again after a crash finishes the job. */
  erase: (userId: string) => Promise<void>;
  /**
   * Two accounts are one person (a link code): `from`'s records become `into`'s, or go where they are only
   * bookkeeping. Required, so a new kind of data cannot be forgotten by merging; running it again finishes the job.
   */
  mergeInto: (from: string, into: string) => Promise<void>;
};

/** Any stored document: our ids are strings. */
type StoredDoc = Document & { _id: string };

/** A part that is exactly the documents of one collection matching a filter. */
export type CollectionPartSpec = {
  name: string;
  collection: string;
  filter: (userId: string) => Filter<StoredDoc>;
  /** How a document is shown in an export; `false`: not exported. Default: the document without `userId`. */
  exportAs?: ((doc: Document) => unknown) | false;
  /**
   * What merging accounts does with `from`'s documents. Default `reassign`: `userId` becomes `into` (only for
   * parts filtered by `userId`). `drop`: bookkeeping or secrets tied to the old account, deleted. Or a function.
   */
  merge?: 'reassign' | 'drop' | ((from: string, into: string) => Promise<void>);
};

/** The document as exported: `_id` shown as `id`, the owner's id (the whole export is theirs) left out. */
export const plainDoc = ({ _id, userId: _userId, ...rest }: Document): Record<string, unknown> => ({
  id: _id as unknown,
  ...rest,
});

/** Yields a cursor's documents mapped, one at a time, so an export never holds a whole collection. */
async function* mapped(cursor: AsyncIterable<Document>, as: (doc: Document) => unknown) {
  for await (const doc of cursor) yield as(doc);
}

export const collectionPart = (db: Db, spec: CollectionPartSpec): AccountPart => {
  const docs = db.collection<StoredDoc>(spec.collection);
  const exportAs = spec.exportAs ?? plainDoc;
  return {
    name: spec.name,
    ...(exportAs
      ? { exportOf: (userId: string) => mapped(docs.find(spec.filter(userId)).sort({ _id: 1 }), exportAs) }
      : {}),
    count: (userId) => docs.countDocuments(spec.filter(userId)),
    erase: async (userId) => {
      await docs.deleteMany(spec.filter(userId));
    },
    mergeInto: async (from, into) => {
      const merge = spec.merge ?? 'reassign';
      if (merge === 'drop') await docs.deleteMany(spec.filter(from));
      else if (merge === 'reassign') await docs.updateMany(spec.filter(from), { $set: { userId: into } });
      else await merge(from, into);
    },
  };
};

/** Matches string ids that begin with the person's id and a separator (`usr_x:web:…`), escaped for `$regex`. */
export const startsWithUser = (userId: string, separator = ':'): RegExp =>
  new RegExp(`^${escapeRegex(userId)}${escapeRegex(separator)}`);
