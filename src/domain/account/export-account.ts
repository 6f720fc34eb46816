import { AppError, type Clock } from '../../shared/index.js';
import { toProfile, type UserRepo } from '../users/user-repo.js';
import type { AccountPart } from './account-part.js';

export const EXPORT_FORMAT = 'focusforge.export.v1';

export type ExportDeps = {
  users: UserRepo;
  clock: Clock;
  accountParts: AccountPart[];
  /** The person's calendar as iCalendar text (what their feed would show), or null. */
  calendarIcs: (userId: string) => Promise<string | null>;
  /** The person's audit entries, streamed. */
  auditPart: Pick<AccountPart, 'exportOf'>;
};

/** How many values go into one chunk of the stream: fewer, larger writes than one per record. */
const CHUNK_ITEMS = 200;

/**
 * Everything the person owns as one JSON object, produced as text chunks so an export of years of data never sits
 * in memory whole. Secrets are left out by each part (token hashes, OAuth records, link codes). Throws before the
 * first chunk when the person does not exist, so the caller can still answer with an error.
 */
export const exportAccount = async (deps: ExportDeps, userId: string): Promise<AsyncIterable<string>> => {
  const user = await deps.users.get(userId);
  if (!user || user.deletingAt) throw new AppError('USER_NOT_FOUND', 'That account does not exist any more.');
  const head = {
    format: EXPORT_FORMAT,
    exportedAt: deps.clock.now().toISOString(),
    profile: toProfile(user),
    calendarIcs: await deps.calendarIcs(userId),
  };
  const sections = [
    ...deps.accountParts.flatMap((p) => (p.exportOf ? [{ name: p.name, items: p.exportOf }] : [])),
    ...(deps.auditPart.exportOf ? [{ name: 'audit_log', items: deps.auditPart.exportOf }] : []),
  ];
  return (async function* () {
    yield JSON.stringify(head).slice(0, -1);
    for (const section of sections) {
      let chunk = `,${JSON.stringify(section.name)}:[`;
      let count = 0;
      for await (const item of section.items(userId)) {
        chunk += `${count++ > 0 ? ',' : ''}${JSON.stringify(item)}`;
        if (count % CHUNK_ITEMS === 0) {
          yield chunk;
          chunk = '';
        }
      }
      yield `${chunk}]`;
    }
    yield '}';
  })();
};
