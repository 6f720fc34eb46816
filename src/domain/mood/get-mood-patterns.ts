import type { Clock } from '../../shared/index.js';
import type { Actor } from '../audit/audit-log.js';
import type { UserRepo } from '../users/user-repo.js';
import { computeMoodPatterns } from './mood-patterns.js';
import type { MoodRepo } from './mood-repo.js';
import { GetMoodPatternsSchema, type GetMoodPatterns, type MoodPatterns } from './mood-schemas.js';

export type GetMoodPatternsDeps = { moods: MoodRepo; users: Pick<UserRepo, 'get'>; clock: Clock };

/** Upper bounds on what one request reads; far above a year of several logs a day. */
const MAX_LOGS = 5_000;
const MAX_COMPLETIONS = 20_000;

/** Average mood and energy by weekday, time of day and completions over the last `days` days. */
export const getMoodPatterns = async (
  deps: GetMoodPatternsDeps,
  actor: Actor,
  input: GetMoodPatterns = {},
): Promise<MoodPatterns> => {
  const { days } = GetMoodPatternsSchema.parse(input);
  const to = deps.clock.now();
  const from = new Date(to.getTime() - days * 86_400_000);
  const [user, logs, completions] = await Promise.all([
    deps.users.get(actor.userId),
    deps.moods.list(actor.userId, { from, to }, MAX_LOGS),
    deps.moods.completionTimes(actor.userId, { from, to }, MAX_COMPLETIONS),
  ]);
  return computeMoodPatterns(logs, completions, user?.timezone ?? 'UTC', { from, to });
};
