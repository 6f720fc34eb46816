import { AppError, type Clock } from '../../shared/index.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { toProfile, type UserDoc, type UserRepo } from './user-repo.js';
import {
  ChannelSchema,
  UpdateProfileSchema,
  type Channel,
  type Profile,
  type UpdateProfile,
} from './user-schemas.js';

export type UpdateProfileDeps = {
  users: UserRepo;
  audit: AuditLog;
  clock: Clock;
  isChannelConfigured: (channel: Channel) => boolean;
};

const channelNames: Record<Channel, string> = {
  sms: 'SMS (text message)',
  slack: 'Slack',
  web: 'web chat',
  email: 'email',
};

/** Nothing may be routed to a channel this server cannot send on: the person would never hear from us. */
const assertConfigured = (deps: UpdateProfileDeps, channel: Channel | undefined) => {
  if (channel === undefined || deps.isChannelConfigured(channel)) return;
  const available = ChannelSchema.options.filter((c) => deps.isChannelConfigured(c));
  throw new AppError(
    'VALIDATION_FAILED',
    `The ${channelNames[channel]} channel isn't set up on this server, so I can't reach you there. ` +
      `Channels available here: ${available.map((c) => channelNames[c]).join(', ')}.`,
  );
};

/** Changes name, time zone or preferences; only the fields given. */
export const updateProfile = async (
  deps: UpdateProfileDeps,
  actor: Actor,
  input: UpdateProfile,
): Promise<Profile> => {
  const patch = UpdateProfileSchema.parse(input);
  assertConfigured(deps, patch.preferredChannel);
  assertConfigured(deps, patch.escalation?.channel);
  const set: Partial<UserDoc> & Record<string, unknown> = { updatedAt: deps.clock.now() };
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.timezone !== undefined) set.timezone = patch.timezone;
  for (const key of [
    'quietHours',
    'preferredChannel',
    'tone',
    'maxNudgesPerDay',
    'checkins',
    'escalation',
  ] as const) {
    if (patch[key] !== undefined) set[`preferences.${key}`] = patch[key];
  }
  const user = await deps.users.update(actor.userId, set);
  if (!user) throw new AppError('USER_NOT_FOUND', "I couldn't find your account.");
  await deps.audit.record(actor, 'profile.updated', 'user', actor.userId, { fields: Object.keys(patch) });
  return toProfile(user);
};
