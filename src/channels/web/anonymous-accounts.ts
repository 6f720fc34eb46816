import {
  removeProofImagesOf,
  type IdentityRepo,
  type ProofImageRepo,
  type TokenRepo,
  type UserRepo,
} from '../../domain/index.js';
import { AppError, type Clock } from '../../shared/index.js';
import type { WidgetClaims } from './widget-tokens.js';

export type AnonymousAccountDeps = {
  identities: IdentityRepo;
  users: UserRepo;
  tokens: TokenRepo;
  proofImages: ProofImageRepo;
  clock: Clock;
};

/**
 * Remembers, per process, the anonymous visitors already marked as having spoken, so a conversation writes the
 * mark once rather than on every message. Bounded: when full it starts over (a repeated mark is harmless).
 */
export const createSpokenMarker = (deps: Pick<AnonymousAccountDeps, 'identities'>, capacity = 50_000) => {
  const marked = new Set<string>();
  return {
    /** Marks an anonymous visitor as having spoken; refuses a visitor whose silent account was swept. */
    mark: async (claims: WidgetClaims): Promise<void> => {
      if (claims.kind !== 'anonymous' || marked.has(claims.adr)) return;
      const identity = await deps.identities.markSpoken('web', claims.adr);
      if (identity && identity.userId !== claims.uid)
        throw new AppError(
          'UNAUTHENTICATED',
          'This chat was linked to your account. Reload the page to carry on there.',
        );
      if (!identity)
        throw new AppError(
          'UNAUTHENTICATED',
          'This chat was cleared because it was never used. Reload the page to start a new one.',
        );
      if (marked.size >= capacity) marked.clear();
      marked.add(claims.adr);
    },
    /** The visitor's account changed (linked): check the next message's token again. */
    forget: (claims: WidgetClaims): void => {
      marked.delete(claims.adr);
    },
  };
};

/**
 * Deletes anonymous web accounts that never sent a message within `idleHours` of being made: the account, its
 * identity, its API tokens and any stored photos. An account with another identity linked is kept (and no longer
 * considered). A first message racing the sweep wins: the identity is deleted only while it is still unspoken.
 * Returns how many accounts were deleted.
 */
export const sweepSilentAnonymousAccounts = async (
  deps: AnonymousAccountDeps,
  idleHours: number,
  batch = 500,
): Promise<number> => {
  const before = new Date(deps.clock.now().getTime() - idleHours * 3_600_000);
  let deleted = 0;
  for (const identity of await deps.identities.unspokenBefore(before, batch)) {
    const all = await deps.identities.list(identity.userId);
    if (all.length > 1) {
      await deps.identities.markSpoken(identity.channel, identity.address);
      continue;
    }
    if (!(await deps.identities.removeUnspoken(identity._id))) continue;
    await deps.tokens.removeAllOf(identity.userId);
    await removeProofImagesOf(deps, identity.userId);
    await deps.identities.removeAllOf(identity.userId);
    if (await deps.users.remove(identity.userId)) deleted++;
  }
  return deleted;
};
