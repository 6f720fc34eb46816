import type { Db } from 'mongodb';
import { collectionPart, type AccountPart } from './account-part.js';
import type { AccountDeps } from './delete-account.js';
import type { ExportDeps } from './export-account.js';
import type { LinkDeps } from './link-accounts.js';

/** What export, deletion and linking need: the parts of a person's data, the audit tombstone, the calendar. */
export type AccountService = AccountDeps & ExportDeps & LinkDeps;

export {
  collectionPart,
  plainDoc,
  startsWithUser,
  type AccountPart,
  type CollectionPartSpec,
} from './account-part.js';
export { domainAccountParts } from './domain-parts.js';
export {
  ConfirmDeletionSchema,
  createAuditTombstone,
  deleteAccount,
  DeletionRequestSchema,
  eraseAccount,
  requestAccountDeletion,
  resumeAccountDeletions,
  type AccountDeps,
  type AuditTombstone,
  type DeletionRequest,
} from './delete-account.js';
export { EXPORT_FORMAT, exportAccount, type ExportDeps } from './export-account.js';
export {
  LINK_ATTEMPTS,
  LinkCodeInputSchema,
  linkCodeInText,
  linkedMessage,
  linkWithCode,
  type LinkDeps,
  type Linker,
  type LinkResult,
} from './link-accounts.js';
export {
  createMergeRecords,
  mergeAccounts,
  resumeAccountMerges,
  type MergeDeps,
  type MergeRecords,
} from './merge-accounts.js';

/** The person's audit entries as exported (deletion keeps one tombstone instead: see `createAuditTombstone`). */
export const auditExportPart = (db: Db): Pick<AccountPart, 'exportOf'> =>
  collectionPart(db, { name: 'audit_log', collection: 'audit_log', filter: (userId) => ({ userId }) });
