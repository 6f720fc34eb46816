import type { Db } from 'mongodb';
import type { Clock, CollectionIndexes } from '../shared/index.js';
import type { Channel } from './channel.js';
import { auditIndexes, createAuditLog, type AuditLog } from './audit/audit-log.js';
import { calendarFeedIndexes, createCalendarFeedRepo, type CalendarFeedRepo } from './calendar/index.js';
import { createIdentityRepo, identityIndexes, type IdentityRepo } from './identities/index.js';
import {
  createEmailAddressRepo,
  emailAddressIndexes,
  type EmailAddressRepo,
} from './email-addresses/index.js';
import type { ChannelSender } from './notifications/channel-sender.js';
import { createPointsLedger, ledgerIndexes, type PointsLedger } from './gamification/points-ledger.js';
import {
  createRewardRepo,
  createStreakRepo,
  redemptionIndexes,
  rewardIndexes,
  streakIndexes,
  type RewardRepo,
  type StreakRepo,
} from './gamification/index.js';
import { createFocusRepo, focusIndexes, type FocusRepo } from './focus/index.js';
import {
  createNotificationRepo,
  notificationIndexes,
  type NotificationRepo,
} from './notifications/notification-repo.js';
import {
  createProofImageRepo,
  defaultProofImageLimits,
  proofImageIndexes,
  type ProofImageLimits,
  type ProofImageRepo,
} from './proof-images/index.js';
import { createMoodRepo, moodIndexes, type MoodRepo } from './mood/index.js';
import { notifyTaskWrites, timerSourceIndexes, type OnTaskWritten } from './reminders/index.js';
import {
  connectionIndexes,
  createConnectionRepo,
  createOAuthStore,
  createSignInCodes,
  oauthStoreIndexes,
  type ConnectionRepo,
  type OAuthStore,
  type SignInCodes,
} from './oauth/index.js';
import { createTaskRepo, taskIndexes, type TaskRepo } from './tasks/task-repo.js';
import { createTokenRepo, tokenIndexes, type TokenRepo } from './tokens/token-repo.js';
import { createUserRepo, userIndexes, type UserRepo } from './users/user-repo.js';

/** Every repository the use cases may ask for. Each use case names the few it needs. */
export type Domain = {
  clock: Clock;
  audit: AuditLog;
  users: UserRepo;
  tokens: TokenRepo;
  /** Tells reminder planning about each write when the domain was built with `onTaskWritten`. */
  readonly tasks: TaskRepo;
  identities: IdentityRepo;
  ledger: PointsLedger;
  streaks: StreakRepo;
  rewards: RewardRepo;
  moods: MoodRepo;
  focusSessions: FocusRepo;
  notifications: NotificationRepo;
  proofImages: ProofImageRepo;
  proofImageLimits: ProofImageLimits;
  /** True when this deployment can reach people on the channel (its adapter is configured). */
  isChannelConfigured: (channel: Channel) => boolean;
  /** The OAuth authorization server's records, the apps people connected, and consent-page sign-in codes. */
  oauthStore: OAuthStore;
  connections: ConnectionRepo;
  signInCodes: SignInCodes;
  /** Each person's private calendar (ICS) feed secret, hashed. */
  calendarFeeds: CalendarFeedRepo;
  /** Email addresses waiting for their code, and addresses that bounced. */
  emailAddresses: EmailAddressRepo;
  /** The outbound senders of the configured channels (a live view: it grows as channels register). */
  senders: ReadonlyMap<Channel, ChannelSender>;
};

export const createDomain = (
  db: Db,
  clock: Clock,
  options: {
    proofImageLimits?: ProofImageLimits;
    isChannelConfigured: (channel: Channel) => boolean;
    /** Reminder planning (the jobs layer), told about each task write; scripts that plan nothing leave it out. */
    onTaskWritten?: OnTaskWritten;
    senders?: ReadonlyMap<Channel, ChannelSender>;
  },
): Domain => ({
  clock,
  audit: createAuditLog(db, clock),
  users: createUserRepo(db),
  tokens: createTokenRepo(db),
  tasks: options.onTaskWritten
    ? notifyTaskWrites(createTaskRepo(db), options.onTaskWritten)
    : createTaskRepo(db),
  identities: createIdentityRepo(db),
  ledger: createPointsLedger(db, clock),
  streaks: createStreakRepo(db),
  rewards: createRewardRepo(db),
  moods: createMoodRepo(db),
  focusSessions: createFocusRepo(db),
  notifications: createNotificationRepo(db),
  proofImages: createProofImageRepo(db),
  proofImageLimits: options.proofImageLimits ?? defaultProofImageLimits,
  isChannelConfigured: options.isChannelConfigured,
  oauthStore: createOAuthStore(db, clock),
  connections: createConnectionRepo(db),
  signInCodes: createSignInCodes(db, clock),
  calendarFeeds: createCalendarFeedRepo(db),
  emailAddresses: createEmailAddressRepo(db),
  senders: options.senders ?? new Map(),
});

/** All indexes of all collections, ensured at start-up. */
export const domainIndexes: CollectionIndexes[] = [
  auditIndexes,
  userIndexes,
  tokenIndexes,
  taskIndexes,
  ledgerIndexes,
  streakIndexes,
  rewardIndexes,
  redemptionIndexes,
  moodIndexes,
  focusIndexes,
  ...identityIndexes,
  ...notificationIndexes,
  ...proofImageIndexes,
  oauthStoreIndexes,
  connectionIndexes,
  calendarFeedIndexes,
  ...timerSourceIndexes,
  ...emailAddressIndexes,
];
