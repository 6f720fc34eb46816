import type { webApi } from '@slack/bolt';
import {
  addIdentity,
  createUser,
  linkWithCode,
  resolveIdentity,
  TimeZoneSchema,
  type Domain,
  type LinkDeps,
} from '../../domain/index.js';
import { AppError } from '../../shared/index.js';

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
 * Joins this Slack user to the account that made the code: the same person on web, SMS and Slack is one user. An
 * account made for them on first contact is merged into it (its tasks and points with it).
 */
export const linkSlackUser = async (
  account: LinkDeps,
  person: SlackPerson,
  code: string,
): Promise<string> => {
  try {
    const linked = await linkWithCode(account, { channel: 'slack', address: slackAddress(person) }, code);
    return linked.outcome === 'same'
      ? 'Slack is already linked to that FocusForge account.'
      : 'Linked: Slack and your FocusForge account are one now (slack).';
  } catch (error) {
    if (error instanceof AppError) return error.userMessage;
    throw error;
  }
};
