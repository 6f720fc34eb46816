import { createHash, randomInt } from 'node:crypto';
import { AppError, isDuplicateKeyError, newId, type Clock } from '../../shared/index.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { toIdentity, type IdentityRepo } from './identity-repo.js';
import type { Channel } from '../channel.js';
import { normalizeAddress, type Identity, type LinkCode } from './identity-schemas.js';

export type IdentityDeps = { identities: IdentityRepo; audit: AuditLog; clock: Clock };

const LINK_CODE_TTL_MS = 10 * 60_000;
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'; // no 0/O, 1/I/L: easy to type from a phone
const hashCode = (code: string) =>
  createHash('sha256').update(code.toUpperCase().replace(/[\s-]/g, '')).digest('hex');

/** Finds who an inbound address belongs to; null for a stranger. */
export const resolveIdentity = async (
  deps: Pick<IdentityDeps, 'identities'>,
  channel: Channel,
  rawAddress: string,
): Promise<string | null> =>
  (await deps.identities.find(channel, normalizeAddress(channel, rawAddress)))?.userId ?? null;

/** Attaches an address to a user directly: for trusted callers (operator CLI, a verified first contact). */
export const addIdentity = async (
  deps: IdentityDeps,
  actor: Actor,
  channel: Channel,
  rawAddress: string,
  options: { unspoken?: boolean } = {},
): Promise<Identity> => {
  const doc = {
    _id: newId('idn'),
    userId: actor.userId,
    channel,
    address: normalizeAddress(channel, rawAddress),
    createdAt: deps.clock.now(),
    ...(options.unspoken ? { unspoken: true as const } : {}),
  };
  try {
    await deps.identities.insert(doc);
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const existing = await deps.identities.find(channel, doc.address);
    if (existing?.userId === actor.userId) return toIdentity(existing);
    throw new AppError('IDENTITY_TAKEN', 'That address is already linked to another account.', {
      cause: error,
    });
  }
  await deps.audit.record(actor, 'identity.added', 'identity', doc._id, { channel });
  return toIdentity(doc);
};

/** A short single-use code, valid 10 minutes, that proves an address belongs to the signed-in person. */
export const createLinkCode = async (deps: IdentityDeps, actor: Actor): Promise<LinkCode> => {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS);
  await deps.identities.insertLinkCode({
    _id: newId('lnk'),
    userId: actor.userId,
    codeHash: hashCode(code),
    expiresAt,
    usedAt: null,
    createdAt: now,
  });
  await deps.audit.record(actor, 'link_code.created', 'link_code', null);
  return { code, expiresAt: expiresAt.toISOString() };
};

/** Uses up a live link code; returns the account that made it. LINK_CODE_INVALID when wrong, used or expired. */
export const consumeLinkCode = async (
  deps: Pick<IdentityDeps, 'identities' | 'clock'>,
  code: string,
): Promise<string> => {
  const used = await deps.identities.consumeLinkCode(hashCode(code), deps.clock.now());
  if (!used)
    throw new AppError(
      'LINK_CODE_INVALID',
      "That link code didn't work: it is wrong, used or expired. Make a new one and try again.",
    );
  return used.userId;
};

/** Called by a channel adapter when a verified message says "link CODE": the sender's address joins the code's owner. */
export const linkIdentityWithCode = async (
  deps: IdentityDeps,
  channel: Channel,
  rawAddress: string,
  code: string,
): Promise<Identity> => {
  const address = normalizeAddress(channel, rawAddress);
  const owner = await consumeLinkCode(deps, code);
  return addIdentity(deps, { userId: owner, via: 'chat' }, channel, address);
};

export const listIdentities = async (
  deps: Pick<IdentityDeps, 'identities'>,
  userId: string,
): Promise<Identity[]> => (await deps.identities.list(userId)).map(toIdentity);

export const removeIdentity = async (deps: IdentityDeps, actor: Actor, id: string): Promise<Identity> => {
  const removed = await deps.identities.remove(actor.userId, id);
  if (!removed) throw new AppError('NOT_FOUND', "I couldn't find that linked address.");
  await deps.audit.record(actor, 'identity.removed', 'identity', id, { channel: removed.channel });
  return toIdentity(removed);
};
