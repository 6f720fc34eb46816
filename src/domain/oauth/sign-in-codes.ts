import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from 'mongodb';
import type { Clock } from '../../shared/index.js';

/** How long a code lasts and how many wrong guesses it survives: 6 digits, 5 tries, 10 minutes. */
export const SIGN_IN_CODE_TTL_MS = 10 * 60_000;
export const SIGN_IN_CODE_MAX_ATTEMPTS = 5;

type CodeDoc = {
  /** The authorization attempt (interaction uid) the code belongs to: a code works on that page only. */
  _id: string;
  userId: string;
  codeHash: string;
  attempts: number;
  expiresAt: Date;
};

const hash = (interaction: string, code: string) =>
  createHash('sha256').update(`${interaction}:${code}`).digest();

/**
 * One-time sign-in codes for the OAuth consent page, sent over a channel the person already uses. Stored hashed,
 * bound to one authorization attempt, spent on the first right answer and dead after a few wrong ones.
 */
export const createSignInCodes = (db: Db, clock: Clock) => {
  const codes = db.collection<CodeDoc>('oauth_sign_in_codes');
  return {
    /** Issues a fresh code for this attempt (replacing any earlier one) and returns it for sending. */
    issue: async (interaction: string, userId: string): Promise<string> => {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      await codes.replaceOne(
        { _id: interaction },
        {
          userId,
          codeHash: hash(interaction, code).toString('base64url'),
          attempts: 0,
          expiresAt: new Date(clock.now().getTime() + SIGN_IN_CODE_TTL_MS),
        },
        { upsert: true },
      );
      return code;
    },
    /** The user the code proves, or null; every try counts, right or wrong. */
    verify: async (interaction: string, code: string): Promise<string | null> => {
      const doc = await codes.findOneAndUpdate(
        { _id: interaction, expiresAt: { $gt: clock.now() }, attempts: { $lt: SIGN_IN_CODE_MAX_ATTEMPTS } },
        { $inc: { attempts: 1 } },
        { returnDocument: 'after' },
      );
      if (!doc) return null;
      const expected = Buffer.from(doc.codeHash, 'base64url');
      const given = hash(interaction, code.replace(/\s+/g, ''));
      if (!timingSafeEqual(expected, given)) return null;
      await codes.deleteOne({ _id: interaction });
      return doc.userId;
    },
    sweep: async (now: Date) => (await codes.deleteMany({ expiresAt: { $lte: now } })).deletedCount,
  };
};
export type SignInCodes = ReturnType<typeof createSignInCodes>;
