import { z } from 'zod';
import type { Channel } from '../channel.js';
import {
  addIdentity,
  consumeLinkCode,
  normalizeAddress,
  resolveIdentity,
  type IdentityRepo,
} from '../identities/index.js';
import { mergeAccounts, type MergeDeps } from './merge-accounts.js';

export type LinkDeps = MergeDeps & {
  identities: IdentityRepo;
  /** Throws RATE_LIMITED when `key` has tried too many codes lately (wrong codes cost the same as right ones). */
  limitAttempts?: (key: string) => Promise<void>;
};

/** Tries of a link code per account or address: codes have 31⁸ values, so guessing stays hopeless. */
export const LINK_ATTEMPTS = { limit: 5, windowMs: 10 * 60_000 };

export const LinkCodeInputSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .min(4)
    .max(20)
    .regex(/^[A-Za-z0-9 -]+$/, 'letters and digits')
    .describe('The code from POST /api/v1/me/link-codes (made by the account to join)'),
});

/** Who says "link CODE": a signed-in account, or an address on a channel that may not be linked to anyone yet. */
export type Linker = { userId: string } | { channel: Channel; address: string };

export type LinkResult = {
  /** The one account from now on (the code's owner). */
  userId: string;
  /** `linked`: a new address joined; `merged`: two accounts became one; `same`: they already were. */
  outcome: 'linked' | 'merged' | 'same';
};

/**
 * Finds "link CODE" in a message (any channel), or null. A code is one word of 4–16 letters and digits, or groups
 * split by a space or dash that include a digit ("B23N-6ANT"), so "link this task to that one" stays a sentence.
 */
export const linkCodeInText = (text: string): string | null => {
  const code = /^link\s+([A-Za-z0-9][A-Za-z0-9 -]{2,18}[A-Za-z0-9])[.!]?$/i.exec(text.trim())?.[1];
  if (!code) return null;
  const isOneWord = /^[A-Za-z0-9]+$/.test(code);
  const isGrouped = /^[A-Za-z0-9]{2,8}(?:[ -][A-Za-z0-9]{2,8}){1,3}$/.test(code) && /\d/.test(code);
  return isOneWord || isGrouped ? code : null;
};

/**
 * The one way to link, on every channel and the API: a code made by account A, said by B (an address or a signed-in
 * account), makes them one person. A new address simply joins A; another account is merged into A (its data moves
 * to the account that made the code, which is the one with a real profile, tokens and connected apps).
 */
export const linkWithCode = async (deps: LinkDeps, linker: Linker, code: string): Promise<LinkResult> => {
  const address = 'address' in linker ? normalizeAddress(linker.channel, linker.address) : null;
  const key = 'userId' in linker ? `user:${linker.userId}` : `${linker.channel}:${address}`;
  await deps.limitAttempts?.(key);
  const owner = await consumeLinkCode(deps, code);
  const via = 'userId' in linker ? 'api' : 'chat';
  let from: string;
  if ('userId' in linker) from = linker.userId;
  else {
    const existing = await resolveIdentity(deps, linker.channel, address!);
    if (!existing) {
      await addIdentity(deps, { userId: owner, via }, linker.channel, address!);
      return { userId: owner, outcome: 'linked' };
    }
    from = existing;
  }
  if (from === owner) return { userId: owner, outcome: 'same' };
  await mergeAccounts(deps, { from, into: owner, via });
  await deps.audit.record({ userId: owner, via }, 'account.linked', 'user', owner);
  return { userId: owner, outcome: 'merged' };
};

/** What to tell the person, in plain words. */
export const linkedMessage = (result: LinkResult): string =>
  result.outcome === 'same'
    ? 'You were already linked: this is the same account. Nothing changed.'
    : result.outcome === 'linked'
      ? "Linked! You're talking to your FocusForge account here now."
      : "Linked! Everything from this chat (tasks, moods, notes, points) is now in your one account, nothing lost. You're all set.";
