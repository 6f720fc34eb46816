import { AppError } from '../../shared/index.js';
import type { Actor } from '../audit/audit-log.js';
import { toMoodLog, type MoodRepo } from './mood-repo.js';
import { ListMoodsSchema, type ListMoods, type MoodLog } from './mood-schemas.js';

/** Mood history, newest first, optionally within a time range. */
export const listMoods = async (
  deps: { moods: MoodRepo },
  actor: Actor,
  input: ListMoods = {},
): Promise<MoodLog[]> => {
  const { from, to, limit } = ListMoodsSchema.parse(input);
  const range = { ...(from ? { from: new Date(from) } : {}), ...(to ? { to: new Date(to) } : {}) };
  if (range.from && range.to && range.from.getTime() > range.to.getTime()) {
    throw new AppError('VALIDATION_FAILED', 'Invalid request. from: must not be after `to`.', {
      details: [{ path: 'from', message: 'must not be after to' }],
    });
  }
  return (await deps.moods.list(actor.userId, range, limit)).map(toMoodLog);
};
