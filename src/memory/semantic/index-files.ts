import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** File names that cannot collide or escape the directory, whatever a user id contains. */
const fileStem = (userId: string) =>
  /^[A-Za-z0-9_-]{1,100}$/.test(userId)
    ? `user-${userId}`
    : `hash-${createHash('sha256').update(userId).digest('hex')}`;

/** The user's index file and its meta file in `directory`. */
export const indexFilesFor = (directory: string, userId: string): [string, string] => {
  const stem = join(directory, fileStem(userId));
  return [`${stem}.hnsw`, `${stem}.json`];
};
