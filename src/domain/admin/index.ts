export {
  assertAdmin,
  listPeople,
  PageQuerySchema,
  peopleUsage,
  PersonSchema,
  setAdminRole,
  setUserDisabled,
  UsageRowSchema,
  type AdminDeps,
  type PageQuery,
  type Person,
  type UsageRow,
} from './admin-accounts.js';
export { createAdminReads, type AdminReads, type DeliveryCount } from './admin-reads.js';
