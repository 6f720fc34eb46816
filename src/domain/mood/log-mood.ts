import { AppError, newId, type Clock } from '../../shared/index.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { toMoodLog, type MoodDoc, type MoodRepo } from './mood-repo.js';
import { LogMoodSchema, type LogMood, type MoodLog } from './mood-schemas.js';

export type LogMoodDeps = { moods: MoodRepo; audit: AuditLog; clock: Clock };

/** Devices disagree about the time by a little; a log this far "ahead" is still accepted as now. */
const CLOCK_SKEW_MS = 2 * 60_000;
/** Back-filling is welcome, within reason. */
const MAX_AGE_DAYS = 365;

/** Tags compare case-insensitively and without extra spaces: "Slept Badly" and "slept  badly" are one tag. */
export const normalizeTags = (tags: string[]): string[] => [
  ...new Set(tags.map((t) => t.trim().replace(/\s+/g, ' ').toLowerCase()).filter((t) => t.length > 0)),
];

/** Records how the person feels: mood and energy from 1 to 5, an optional note and tags. */
export const logMood = async (deps: LogMoodDeps, actor: Actor, input: LogMood): Promise<MoodLog> => {
  const parsed = LogMoodSchema.parse(input);
  const now = deps.clock.now();
  let at = now;
  if (parsed.at) {
    at = new Date(parsed.at);
    if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
      throw new AppError('VALIDATION_FAILED', 'Invalid request. at: a mood log cannot be in the future.', {
        details: [{ path: 'at', message: 'must not be in the future' }],
      });
    }
    if (at.getTime() > now.getTime()) at = now;
    if (now.getTime() - at.getTime() > MAX_AGE_DAYS * 86_400_000) {
      throw new AppError(
        'VALIDATION_FAILED',
        `Invalid request. at: can be at most ${MAX_AGE_DAYS} days ago.`,
        {
          details: [{ path: 'at', message: `must be within the last ${MAX_AGE_DAYS} days` }],
        },
      );
    }
  }
  const doc: MoodDoc = {
    _id: newId('mood'),
    userId: actor.userId,
    mood: parsed.mood,
    energy: parsed.energy,
    note: parsed.note ? parsed.note : null,
    tags: normalizeTags(parsed.tags),
    at,
    createdAt: now,
  };
  await deps.moods.insert(doc);
  await deps.audit.record(actor, 'mood.logged', 'mood_log', doc._id, { mood: doc.mood, energy: doc.energy });
  return toMoodLog(doc);
};
