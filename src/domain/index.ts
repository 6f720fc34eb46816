/**
 * The domain's public API: the use cases, schemas and repository types the other folders call. Inside src/domain
 * modules import each other directly (never this file), so this barrel can import them all without a cycle.
 */
// Building the domain (the composition root) and the shapes every edge passes around.
export { createDomain, domainIndexes, type Domain } from './create-domain.js';
export { ChannelSchema, type Channel } from './channel.js';
export { AuditEntrySchema, toAuditEntryDto, type Actor, type AuditLog } from './audit/audit-log.js';

// People: profiles, identities on channels, API tokens, account-wide operations, admin.
export { assertAccountActive } from './users/account-status.js';
export { createUser } from './users/create-user.js';
export { getProfile } from './users/get-profile.js';
export { updateProfile } from './users/update-profile.js';
export type { UserRepo } from './users/user-repo.js';
export {
  defaultPreferences,
  ProfileSchema,
  TimeZoneSchema,
  UpdateProfileSchema,
  type Preferences,
} from './users/user-schemas.js';
export {
  addIdentity,
  createIdentityRepo,
  createLinkCode,
  IdentitySchema,
  LinkCodeSchema,
  listIdentities,
  removeIdentity,
  resolveIdentity,
  type IdentityRepo,
} from './identities/index.js';
export {
  ApiTokenSchema,
  createApiToken,
  CreateApiTokenSchema,
  listApiTokens,
  resolveApiToken,
  revokeApiToken,
  type ApiTokenDeps,
} from './tokens/api-tokens.js';
export type { TokenRepo } from './tokens/token-repo.js';
export {
  collectionPart,
  ConfirmDeletionSchema,
  deleteAccount,
  DeletionRequestSchema,
  EXPORT_FORMAT,
  exportAccount,
  LinkCodeInputSchema,
  linkCodeInText,
  linkedMessage,
  linkWithCode,
  requestAccountDeletion,
  startsWithUser,
  type AccountPart,
  type AccountService,
  type LinkDeps,
} from './account/index.js';
export {
  assertAdmin,
  listPeople,
  PageQuerySchema,
  peopleUsage,
  PersonSchema,
  setUserDisabled,
  UsageRowSchema,
  type AdminDeps,
} from './admin/index.js';
export {
  ConnectionSchema,
  listConnections,
  recordConnection,
  revokeConnection,
  type OAuthStore,
} from './oauth/index.js';
export {
  EmailStatusSchema,
  getEmailStatus,
  removeEmailAddress,
  RequestEmailSchema,
  requestEmailVerification,
  stopEmailDelivery,
  unsubscribeTokenFor,
  userOfUnsubscribeToken,
  verifyEmailAddress,
  VerifyEmailSchema,
} from './email-addresses/index.js';
export {
  calendarFeedStatus,
  CalendarFeedStatusSchema,
  calendarOfFeed,
  createCalendarFeed,
  revokeCalendarFeed,
  type Calendar,
  type CalendarEntry,
  type CalendarFeedDeps,
} from './calendar/index.js';

// Tasks and what grows from them: focus sessions, mood, points, streaks and rewards, proof images.
export {
  completeTask,
  CompleteTaskResultSchema,
  createTask,
  createTasks,
  CreateTaskSchema,
  CreateTasksSchema,
  deleteTask,
  freshStart,
  FreshStartResultSchema,
  FreshStartSchema,
  getTask,
  listTasks,
  ListTasksSchema,
  listTodayTasks,
  markTaskSteps,
  reopenTask,
  reorderSubtasks,
  ReorderSubtasksSchema,
  restoreTask,
  reviewDay,
  ReviewDayResultSchema,
  startTask,
  StartTaskResultSchema,
  StartTaskSchema,
  suggestNextTask,
  SuggestNextTaskResultSchema,
  SuggestNextTaskSchema,
  TaskCascadeResultSchema,
  TaskIdSchema,
  TaskListSchema,
  TaskSchema,
  updateTask,
  UpdateTaskSchema,
  type FirstStepSource,
  type ListTasks,
  type Task,
} from './tasks/index.js';
export {
  ActiveFocusSessionSchema,
  completeFocusSession,
  CompleteFocusSessionResultSchema,
  FocusSessionIdSchema,
  FocusSessionSchema,
  getActiveFocusSession,
  listFocusSessions,
  ListFocusSessionsSchema,
  startFocusSession,
  StartFocusSessionSchema,
  stopFocusSession,
  StopFocusSessionResultSchema,
} from './focus/index.js';
export {
  createMoodRepo,
  getMoodPatterns,
  GetMoodPatternsSchema,
  listMoods,
  ListMoodsSchema,
  logMood,
  LogMoodSchema,
  MoodLogSchema,
  MoodPatternsSchema,
} from './mood/index.js';
export {
  archiveReward,
  celebrateCompletion,
  createReward,
  CreateRewardSchema,
  getPoints,
  GetPointsSchema,
  getStreak,
  listRedemptions,
  ListRedemptionsSchema,
  listRewards,
  ListRewardsSchema,
  localDay,
  PointsSummarySchema,
  redeemReward,
  RedeemRewardResultSchema,
  RedemptionSchema,
  RewardIdSchema,
  RewardSchema,
  StreakSchema,
  updateReward,
  UpdateRewardBodySchema,
  UpdateRewardSchema,
} from './gamification/index.js';
export {
  removeProofImagesOf,
  sniffImage,
  storeProofImage,
  useProofImage,
  type ProofImageDeps,
  type ProofImageRepo,
} from './proof-images/index.js';

// Reaching people: reminders and check-ins (planned here, queued by jobs/), delivery, the notification log.
export {
  checkbackTimer,
  createTimerSources,
  escalationTimer,
  planCheckins,
  planFocusEnds,
  reminderLatenessSeconds,
  reminderTimers,
  snoozeTimer,
  timerMessage,
  type MissedReminderPolicy,
  type OnTaskWritten,
  type ReminderSource,
  type TimerJob,
  type TimerSources,
} from './reminders/index.js';
export { type NotificationScheduler } from './notifications/notification-scheduler.js';
export type { ChannelSender, Recipient } from './notifications/channel-sender.js';
export {
  deliverNotification,
  type DeliverDeps,
  type DeliveryRequest,
} from './notifications/deliver-notification.js';
export { toLogEntry } from './notifications/notification-repo.js';
export {
  NotificationActionSchema,
  NotificationKindSchema,
  NotificationLogEntrySchema,
  type NotificationKind,
  type OutboundMessage,
} from './notifications/notification-schemas.js';
export { createProviderStatusLog } from './notifications/provider-status.js';
export { SnoozeResultSchema, SnoozeSchema, snoozeTaskReminder } from './reminders/index.js';
export type { PointsLedger } from './gamification/points-ledger.js';
export type { GetStreakDeps } from './gamification/get-streak.js';
export type { ConnectionDeps } from './oauth/index.js';
export { type EmailAddressDeps, canEmailReach, markEmailBounced } from './email-addresses/index.js';
export { LINK_ATTEMPTS, resumeAccountDeletions, resumeAccountMerges, eraseAccount } from './account/index.js';
export { createAdminReads, setAdminRole } from './admin/index.js';
export { sweepStaleFocusSessions } from './focus/index.js';
export { sweepProofImages } from './proof-images/index.js';
