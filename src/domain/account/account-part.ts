import type { Db, Document, Filter } from 'mongodb';
import { escapeRegex } from '../../shared/db.js';

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
  };
};

/** Matches string ids that begin with the person's id and a separator (`usr_x:web:…`), escaped for `$regex`. */
export const startsWithUser = (userId: string, separator = ':'): RegExp =>
  new RegExp(`^${escapeRegex(userId)}${escapeRegex(separator)}`);
