import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError, type Clock } from '../../shared/index.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import type { Channel } from '../channel.js';
import { addIdentity } from '../identities/identities.js';
import type { IdentityRepo } from '../identities/identity-repo.js';
import { normalizeAddress } from '../identities/identity-schemas.js';
import type { ChannelSender } from '../notifications/channel-sender.js';
import { deliverNotification } from '../notifications/deliver-notification.js';
import type { NotificationRepo } from '../notifications/notification-repo.js';
import { updateProfile } from '../users/update-profile.js';
import type { UserRepo } from '../users/user-repo.js';
import type { UpdateProfile } from '../users/user-schemas.js';
import type { EmailAddressRepo } from './email-address-repo.js';

export type EmailAddressDeps = {
  users: UserRepo;
  identities: IdentityRepo;
  notifications: NotificationRepo;
  emailAddresses: EmailAddressRepo;
  senders: ReadonlyMap<Channel, ChannelSender>;
  isChannelConfigured: (channel: Channel) => boolean;
  audit: AuditLog;
  clock: Clock;
};

/** Where email stands for a person: the verified address mail goes to, and the one waiting for its code. */
export const EmailStatusSchema = z.object({
  address: z.string().nullable(),
  /** The mail server refused the address for good: nothing is sent to it until it is verified again. */
  bouncing: z.boolean(),
  pending: z.object({ address: z.string(), expiresAt: z.iso.datetime() }).nullable(),
});
export type EmailStatus = z.infer<typeof EmailStatusSchema>;

export const RequestEmailSchema = z.object({ address: z.string().trim().min(3).max(254) });
export const VerifyEmailSchema = z.object({ code: z.string().trim().min(1).max(20) });

const CODE_TTL_MS = 30 * 60_000;
const MAX_ATTEMPTS = 5;
/** Codes a person may have mailed per hour: enough for typos, too few to flood someone else's inbox. */
const MAX_SENDS_PER_HOUR = 5;

// The address is in the hash, so a code proves the address it was sent to and no other.
const hashCode = (userId: string, address: string, code: string) =>
  createHash('sha256').update(`${userId}\n${address}\n${code}`).digest('hex');
const sameHash = (a: string, b: string) => timingSafeEqual(Buffer.from(a), Buffer.from(b));

const emailIdentities = async (deps: Pick<EmailAddressDeps, 'identities'>, userId: string) =>
  (await deps.identities.list(userId)).filter((i) => i.channel === 'email');

/** The person's email address, its state, and any code waiting. */
export const getEmailStatus = async (
  deps: Pick<EmailAddressDeps, 'identities' | 'emailAddresses' | 'clock'>,
  userId: string,
): Promise<EmailStatus> => {
  const [identity] = await emailIdentities(deps, userId);
  const pending = await deps.emailAddresses.getPending(userId);
  const isLive =
    pending?.codeHash &&
    pending.address &&
    pending.expiresAt > deps.clock.now() &&
    pending.attempts < MAX_ATTEMPTS;
  return {
    address: identity?.address ?? null,
    bouncing: identity ? await deps.emailAddresses.isBouncing(identity.address) : false,
    pending: isLive ? { address: pending.address!, expiresAt: pending.expiresAt.toISOString() } : null,
  };
};

/**
 * Mails a six-digit code to an address the person says is theirs. Nothing else is sent there until the code comes
 * back; a new address replaces the one waiting. An address someone else verified is refused without naming them.
 */
export const requestEmailVerification = async (
  deps: EmailAddressDeps,
  actor: Actor,
  rawAddress: string,
): Promise<EmailStatus> => {
  const sender = deps.senders.get('email');
  if (!sender)
    throw new AppError('VALIDATION_FAILED', "Email isn't set up on this server, so I can't reach you there.");
  const address = normalizeAddress('email', rawAddress);
  const owner = await deps.identities.find('email', address);
  if (owner && owner.userId !== actor.userId)
    throw new AppError('IDENTITY_TAKEN', 'That address is already linked to another account.');
  if (owner && !(await deps.emailAddresses.isBouncing(address))) return getEmailStatus(deps, actor.userId);
  const user = await deps.users.get(actor.userId);
  if (!user) throw new AppError('USER_NOT_FOUND', "I couldn't find your account.");

  const now = deps.clock.now();
  const previous = await deps.emailAddresses.getPending(actor.userId);
  const isSameWindow = previous && now.getTime() - previous.windowStart.getTime() < 3_600_000;
  const sent = isSameWindow ? previous.sent : 0;
  if (sent >= MAX_SENDS_PER_HOUR)
    throw new AppError(
      'RATE_LIMITED',
      "I've sent several codes in the last hour. Please use the newest one, or try again in an hour.",
      { retryable: false },
    );
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await deps.emailAddresses.savePending({
    _id: actor.userId,
    userId: actor.userId,
    address,
    codeHash: hashCode(actor.userId, address, code),
    expiresAt: new Date(now.getTime() + CODE_TTL_MS),
    attempts: 0,
    windowStart: isSameWindow ? previous.windowStart : now,
    sent: sent + 1,
    createdAt: now,
  });
  const message = {
    kind: 'email_verification' as const,
    title: 'Your FocusForge code',
    text:
      `Your code is ${code}. Type it in your FocusForge chat ("verify ${code}") within 30 minutes to get ` +
      'reminders at this address. If you did not ask for it, ignore this mail and nothing more will come.',
    taskId: null,
    actions: [],
    data: { code },
  };
  try {
    await sender.send(
      { userId: actor.userId, name: user.name, address },
      message,
      `emv:${actor.userId}:${now.getTime()}`,
    );
  } catch (error) {
    await deps.emailAddresses.removePending(actor.userId);
    const details: unknown = error instanceof AppError ? error.details : undefined;
    const isRefused = typeof details === 'object' && details !== null && 'channelUnreachable' in details;
    throw isRefused
      ? new AppError(
          'VALIDATION_FAILED',
          'The mail server for that address refused it. Is it spelled right?',
          {
            cause: error,
          },
        )
      : new AppError('UNAVAILABLE', "I couldn't send the code just now. Please try again in a minute.", {
          cause: error,
        });
  }
  await deps.audit.record(actor, 'email.code_sent', 'user', actor.userId);
  return getEmailStatus(deps, actor.userId);
};

/** Checks the code; the right one makes the address the person's email identity (replacing any earlier one). */
export const verifyEmailAddress = async (
  deps: EmailAddressDeps,
  actor: Actor,
  rawCode: string,
): Promise<EmailStatus> => {
  const code = rawCode.replace(/[\s-]/g, '');
  if (!/^\d{6}$/.test(code)) throw new AppError('VALIDATION_FAILED', 'A code is six digits, like 123456.');
  const pending = await deps.emailAddresses.getPending(actor.userId);
  if (!pending?.codeHash || !pending.address)
    throw new AppError(
      'VALIDATION_FAILED',
      "There's no code waiting. Tell me your email address and I'll send you one.",
    );
  if (pending.expiresAt <= deps.clock.now())
    throw new AppError('VALIDATION_FAILED', 'That code has expired. Send your address again for a new one.');
  const tooMany = new AppError(
    'RATE_LIMITED',
    'Too many wrong tries for that code. Send your address again for a new code.',
    { retryable: false },
  );
  const counted = await deps.emailAddresses.countAttempt(actor.userId, MAX_ATTEMPTS);
  if (!counted?.codeHash) throw tooMany;
  const address = pending.address;
  if (!sameHash(counted.codeHash, hashCode(actor.userId, address, code))) {
    const left = MAX_ATTEMPTS - counted.attempts;
    if (left <= 0) throw tooMany;
    throw new AppError(
      'VALIDATION_FAILED',
      `That code doesn't match. ${left} ${left === 1 ? 'try' : 'tries'} left.`,
    );
  }
  if (!(await deps.emailAddresses.consumePending(actor.userId, counted.codeHash)))
    throw new AppError(
      'VALIDATION_FAILED',
      'That code was already used. Send your address again for a new one.',
    );

  await addIdentity(deps, actor, 'email', address);
  for (const old of await emailIdentities(deps, actor.userId))
    if (old.address !== address) await deps.identities.remove(actor.userId, old._id);
  // A proven address is a working one again, even if it bounced before.
  await deps.emailAddresses.clearBounce(address);
  await deps.audit.record(actor, 'email.verified', 'user', actor.userId);
  return getEmailStatus(deps, actor.userId);
};

/** Stops email for the person (one-click unsubscribe): reminders go to the web inbox, no escalation by email. */
export const stopEmailDelivery = async (deps: EmailAddressDeps, actor: Actor): Promise<void> => {
  const user = await deps.users.get(actor.userId);
  if (!user) return;
  const patch: UpdateProfile = {};
  if (user.preferences.preferredChannel === 'email') patch.preferredChannel = 'web';
  if (user.preferences.escalation?.channel === 'email') patch.escalation = null;
  if (Object.keys(patch).length > 0) await updateProfile(deps, actor, patch);
  await deps.audit.record(actor, 'email.unsubscribed', 'user', actor.userId);
};

/** Forgets the person's email address (verified or waiting) and stops email. */
export const removeEmailAddress = async (deps: EmailAddressDeps, actor: Actor): Promise<EmailStatus> => {
  for (const identity of await emailIdentities(deps, actor.userId)) {
    await deps.identities.remove(actor.userId, identity._id);
    await deps.emailAddresses.clearBounce(identity.address);
  }
  await deps.emailAddresses.removePending(actor.userId);
  await stopEmailDelivery(deps, actor);
  return getEmailStatus(deps, actor.userId);
};

/** False while the address is known to bounce: deliveries fall back to the person's web inbox. */
export const canEmailReach = async (deps: Pick<EmailAddressDeps, 'emailAddresses'>, address: string) =>
  !(await deps.emailAddresses.isBouncing(address));

/**
 * The mail server refused a verified address for good (a 5xx): no more mail goes there, and its owner is told
 * once, in their web inbox, how to fix it.
 */
export const markEmailBounced = async (
  deps: EmailAddressDeps,
  address: string,
  reason: string,
): Promise<void> => {
  const identity = await deps.identities.find('email', address);
  if (!identity) return;
  const now = deps.clock.now();
  const isNew = await deps.emailAddresses.addBounce({
    _id: address,
    userId: identity.userId,
    reason: reason.slice(0, 300),
    at: now,
  });
  if (!isNew) return;
  await deps.audit.record(
    { userId: identity.userId, via: 'system' },
    'email.bounced',
    'user',
    identity.userId,
  );
  await deliverNotification(deps, {
    userId: identity.userId,
    occurrenceKey: `email-bounce:${address}:${now.getTime()}`,
    channel: 'web',
    respectQuietHours: false,
    message: {
      kind: 'email_bounced',
      title: 'Your email address bounced',
      text:
        `The mail server for ${address} refused my messages, so I've stopped emailing you and your reminders ` +
        'come here instead. Once the address works again, add it again (or a new one) and confirm the code.',
      taskId: null,
      actions: [],
      data: {},
    },
  });
};
