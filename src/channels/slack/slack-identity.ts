import type { webApi } from '@slack/bolt';
import type { Domain } from '../../domain/deps.js';
import { addIdentity, linkIdentityWithCode, resolveIdentity } from '../../domain/identities/index.js';
import { createUser } from '../../domain/users/create-user.js';
import { TimeZoneSchema } from '../../domain/users/user-schemas.js';
import { AppError } from '../../shared/errors.js';

export type SlackPerson = { teamId: string; slackUserId: string };

type IdentityDomain = Pick<Domain, 'identities' | 'users' | 'audit' | 'clock'>;

const LINK = /^\s*link\s+([A-Za-z0-9][A-Za-z0-9 -]{3,20})\s*$/i;

export const slackAddress = (person: SlackPerson) => `${person.teamId}:${person.slackUserId}`;

/** "link CODE": the code a signed-in person made with `POST /me/link-codes`. */
export const linkCodeIn = (text: string): string | null => LINK.exec(text)?.[1]?.trim() ?? null;

/**
 * The FocusForge user behind a Slack user. A stranger gets an account on first contact, named and zoned from
 * `users.info` (so "5pm" means their 5pm); a race of two first messages ends with one account.
 */
export const resolveSlackUser = async (
  domain: IdentityDomain,
  client: webApi.WebClient,
  person: SlackPerson,
): Promise<string> => {
  const address = slackAddress(person);
  const known = await resolveIdentity(domain, 'slack', address);
  if (known) return known;
  const info = await client.users.info({ user: person.slackUserId }).catch(() => ({ user: undefined }));
  const tz = TimeZoneSchema.safeParse(info.user?.tz);
  const name = (info.user?.real_name || info.user?.name || 'Slack friend').slice(0, 80);
  const profile = await createUser(domain, { name, timezone: tz.success ? tz.data : 'UTC' }, 'chat');
  try {
    await addIdentity(domain, { userId: profile.id, via: 'chat' }, 'slack', address);
    // Met on Slack: reminders go where they are, not to a web inbox they have never opened.
    await domain.users.update(profile.id, {
      preferences: { ...profile.preferences, preferredChannel: 'slack' },
    });
    return profile.id;
  } catch (error) {
    const winner = await resolveIdentity(domain, 'slack', address);
    if (winner) {
      await domain.users.remove(profile.id);
      return winner;
    }
    throw error;
  }
};

/**
 * Moves this Slack user to the account that made the code: the same person on web, SMS and Slack is one user.
 * An account made for them on first contact is left behind (its tasks stay there) only if the code is good.
 */
export const linkSlackUser = async (
  domain: IdentityDomain,
  person: SlackPerson,
  code: string,
): Promise<string> => {
  const address = slackAddress(person);
  const before = await domain.identities.find('slack', address);
  if (before) await domain.identities.remove(before.userId, before._id);
  try {
    const linked = await linkIdentityWithCode(domain, 'slack', address, code);
    return `Linked: Slack and your FocusForge account are one now (${linked.channel}).`;
  } catch (error) {
    if (before) await domain.identities.insert(before);
    if (error instanceof AppError) return error.userMessage;
    throw error;
  }
};
