import type { Clock } from '../../shared/index.js';
import type { Actor } from '../audit/audit-log.js';
import type { UserRepo } from '../users/user-repo.js';
import type { Streak } from './gamification-schemas.js';
import { localDay } from './local-day.js';
import { streakStateOf, type StreakRepo } from './streak-repo.js';
import { nextMilestone, STREAK_RULES, streakOutlook } from './streak-rules.js';

export type GetStreakDeps = { streaks: StreakRepo; users: Pick<UserRepo, 'get'>; clock: Clock };

const messageFor = (status: Streak['status'], current: number, longest: number): string => {
  switch (status) {
    case 'not_started':
      return 'Finish anything, big or small, to start a streak.';
    case 'done_today':
      return current === 1
        ? 'Day 1 is in the bag. Nice!'
        : `${current} days in a row, and today counts. Nice rhythm!`;
    case 'continues_today':
      return `Your ${current}-day streak is waiting whenever you're ready today. Even a tiny step counts.`;
    case 'fresh_start':
      return longest > 1
        ? `A fresh start is ready: your next completion begins a new streak. Your best so far is ${longest} days.`
        : 'A fresh start is ready: your next completion begins a new streak.';
  }
};

/** The streak as it stands today in the person's time zone; reading never changes it. */
export const getStreak = async (
  deps: GetStreakDeps,
  actor: Actor,
  _input: Record<string, never> = {},
): Promise<Streak> => {
  const [user, doc] = await Promise.all([deps.users.get(actor.userId), deps.streaks.latest(actor.userId)]);
  const timezone = user?.timezone ?? 'UTC';
  const today = localDay(deps.clock.now(), timezone);
  const state = streakStateOf(doc);
  const outlook = streakOutlook(state, today);
  const longest = state?.longest ?? 0;
  return {
    status: outlook.status,
    current: outlook.current,
    longest,
    freezes: state?.freezes ?? 0,
    maxFreezes: STREAK_RULES.maxFreezes,
    graceAvailableToday: outlook.graceAvailableToday,
    lastActiveDay: state?.lastActiveDay ?? null,
    today,
    timezone,
    nextMilestone: nextMilestone(outlook.current),
    activeDays: state?.activeDays ?? 0,
    recentlyBridged: state?.bridgedDays ?? [],
    message: messageFor(outlook.status, outlook.current, longest),
  };
};
