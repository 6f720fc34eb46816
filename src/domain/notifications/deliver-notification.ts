import { AppError, type Clock } from '../../shared/index.js';
import { localDay } from '../gamification/local-day.js';
import type { IdentityRepo } from '../identities/identity-repo.js';
import type { UserDoc, UserRepo } from '../users/user-repo.js';
import type { Channel } from '../users/user-schemas.js';
import type { ChannelSender } from './channel-sender.js';
import type { NotificationRepo } from './notification-repo.js';
import { isNudge, type OutboundMessage } from './notification-schemas.js';
import { quietUntil, startOfNextLocalDay } from './quiet-hours.js';

export type DeliverDeps = {
  users: UserRepo;
  identities: IdentityRepo;
  notifications: NotificationRepo;
  senders: ReadonlyMap<Channel, ChannelSender>;
  clock: Clock;
};

export type DeliveryRequest = {
  userId: string;
  /** Stable for one occurrence (e.g. `rem:<task>:<due>:<offset>`); retries and duplicates share it. */
  occurrenceKey: string;
  message: OutboundMessage;
  /** A specific channel (escalation); otherwise the person's preferred one. */
  channel?: Channel;
  /** Messages the person asked for right now (a reply) ignore quiet hours; reminders never do. */
  respectQuietHours?: boolean;
};

export type DeliveryOutcome =
  | { outcome: 'sent'; channel: Channel; key: string }
  | { outcome: 'duplicate'; channel: Channel; key: string }
  | { outcome: 'deferred'; until: Date; reason: 'quiet_hours' | 'nudge_cap' }
  | { outcome: 'dropped'; reason: 'unknown_user' | 'account_disabled' };

/** Picks the channel: the requested or preferred one when it can reach the person, else the web inbox. */
const chooseChannel = async (deps: DeliverDeps, userId: string, wanted: Channel) => {
  for (const channel of [wanted, 'web' as const]) {
    const sender = deps.senders.get(channel);
    if (!sender) continue;
    if (!sender.needsAddress) return { sender, address: null };
    const identity = (await deps.identities.list(userId)).find((i) => i.channel === channel);
    if (identity && (!sender.canReach || (await sender.canReach(identity.address))))
      return { sender, address: identity.address };
  }
  throw new AppError('UNAVAILABLE', 'No channel can reach this person right now.', { retryable: false });
};

/**
 * Sends one message once: never during quiet hours, never past the daily nudge cap (both defer, never drop), and
 * never twice for the same occurrence and channel. A channel failure throws a retryable error; the caller retries.
 */
export const deliverNotification = async (
  deps: DeliverDeps,
  request: DeliveryRequest,
  /** The recipient, when the caller has just read it. */
  loaded?: UserDoc | null,
  /** The local day whose nudge slot this message already holds (a fallback to the next channel): not taken again. */
  heldNudgeDay?: string | null,
): Promise<DeliveryOutcome> => {
  const user = loaded === undefined ? await deps.users.get(request.userId) : loaded;
  // An account being deleted gets nothing more, even from a job that was already running.
  if (!user || user.deletingAt) return { outcome: 'dropped', reason: 'unknown_user' };
  // Disabled by the operator: nothing is sent, and nothing piles up to arrive the moment they are enabled.
  if (user.disabledAt) return { outcome: 'dropped', reason: 'account_disabled' };
  const now = deps.clock.now();
  const prefs = user.preferences;

  if (request.respectQuietHours !== false) {
    const until = quietUntil(now, user.timezone, prefs.quietHours);
    if (until) return { outcome: 'deferred', until, reason: 'quiet_hours' };
  }

  const { sender, address } = await chooseChannel(deps, user._id, request.channel ?? prefs.preferredChannel);
  const key = `${request.occurrenceKey}:${sender.channel}`;
  // Inserts only on a first attempt: on FerretDB a read or update by `_id` scans the collection, an insert does not
  // (docs/decisions/0008-reminder-hot-path.md). The log entry is written once the attempt's outcome is known, so
  // only a repeated attempt has one to read.
  const isFirstAttempt = await deps.notifications.claim(key, user._id, now);
  const previous = isFirstAttempt ? null : await deps.notifications.get(key);
  if (previous?.status === 'sent' || previous?.status === 'cancelled')
    return { outcome: 'duplicate', channel: sender.channel, key };
  const entry = {
    _id: key,
    userId: user._id,
    occurrenceKey: request.occurrenceKey,
    kind: request.message.kind,
    channel: sender.channel,
    title: request.message.title,
    createdAt: previous?.createdAt ?? now,
  };

  const day = localDay(now, user.timezone);
  let nudgeDay = previous?.nudgeDay ?? heldNudgeDay ?? null;
  if (isNudge(request.message.kind) && nudgeDay !== day) {
    const dayEnds = startOfNextLocalDay(now, user.timezone);
    const expiresAt = new Date(dayEnds.getTime() + 2 * 86_400_000);
    if (!(await deps.notifications.reserveNudge(user._id, day, prefs.maxNudgesPerDay, key, expiresAt))) {
      await deps.notifications.record(entry, previous, {
        status: 'deferred',
        at: now,
        nudgeDay,
        lastError: 'daily nudge cap reached',
      });
      const until = quietUntil(dayEnds, user.timezone, prefs.quietHours) ?? dayEnds;
      return { outcome: 'deferred', until, reason: 'nudge_cap' };
    }
    nudgeDay = day;
  }

  try {
    await sender.send({ userId: user._id, name: user.name, address }, request.message, key);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Recording the slot with the failure keeps a retry from taking another one.
    await deps.notifications.record(entry, previous, {
      status: 'failed',
      at: deps.clock.now(),
      nudgeDay,
      lastError: message,
    });
    // The person left the workspace, blocked the app, unsubscribed: their next channel, not a retry.
    const details: unknown = error instanceof AppError ? error.details : undefined;
    const isUnreachable = typeof details === 'object' && details !== null && 'channelUnreachable' in details;
    // One message is one nudge, whichever channel finally carries it: the slot taken here travels with it.
    if (isUnreachable && sender.channel !== 'web')
      return deliverNotification(deps, { ...request, channel: 'web' }, user, nudgeDay);
    throw new AppError('UNAVAILABLE', `Sending on ${sender.channel} failed; it will be retried.`, {
      cause: error,
    });
  }
  await deps.notifications.record(entry, previous, {
    status: 'sent',
    at: deps.clock.now(),
    nudgeDay,
    lastError: null,
  });
  return { outcome: 'sent', channel: sender.channel, key };
};
