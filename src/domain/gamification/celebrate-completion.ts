import type { Clock } from '../../shared/index.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import type { UserRepo } from '../users/user-repo.js';
import { withContention } from './contention.js';
import type { CelebrationDto, StreakChange } from './gamification-schemas.js';
import { localDay } from './local-day.js';
import type { PointsLedger } from './points-ledger.js';
import { streakStateOf, type StreakBonus, type StreakDoc, type StreakRepo } from './streak-repo.js';
import { advanceStreak, milestoneBonusFor, STREAK_RULES, type StreakStep } from './streak-rules.js';

export type CelebrateCompletionDeps = {
  ledger: PointsLedger;
  audit: AuditLog;
  clock: Clock;
  /** For the person's time zone: streak days are their calendar days. */
  users: Pick<UserRepo, 'get'>;
  streaks: StreakRepo;
};

export type CompletionEvent = {
  /** What was finished: `task_completed:<taskId>`, `focus_completed:<sessionId>`...; points are given once per key. */
  key: string;
  reason: string;
  refId: string;
  points: number;
  completedAt: Date;
};

export type Celebration = CelebrationDto;

const bonusesFor = (step: StreakStep, day: string): StreakBonus[] => {
  const bonuses: StreakBonus[] = [];
  if (step.milestone !== null) {
    bonuses.push({
      key: `streak_milestone:${step.state.runStartDay ?? day}:${step.milestone}`,
      reason: 'streak_milestone',
      points: milestoneBonusFor(step.milestone),
      milestone: step.milestone,
    });
  }
  if (step.isComeback)
    bonuses.push({ key: `comeback:${day}`, reason: 'comeback', points: STREAK_RULES.comebackBonus });
  return bonuses;
};

/** Applies the completion's day to the streak, retrying when a concurrent completion wrote the next version first. */
const updateStreak = (streaks: StreakRepo, userId: string, day: string, at: Date) =>
  withContention<{ doc: StreakDoc | null; step: StreakStep }>(async () => {
    const latest = await streaks.latest(userId);
    const step = advanceStreak(streakStateOf(latest), day);
    if (!step.changed) return { doc: latest, step };
    const written = await streaks.append(userId, latest?.version ?? 0, step.state, bonusesFor(step, day), at);
    return written ? { doc: written, step } : undefined;
  }, 'Your streak is busy for a moment. Your points are safe; please try again.');

const streakMessage = (step: StreakStep): string => {
  const n = step.state.current;
  switch (step.kind) {
    case 'started':
      return 'Day 1 of your streak. Nice start!';
    case 'continued':
      return `Day ${n} in a row. Nice rhythm!`;
    case 'bridged': {
      const covered = [
        step.graceUsedOn.length > 0 ? 'your grace day' : '',
        step.freezesUsedOn.length === 1 ? 'a streak freeze' : '',
        step.freezesUsedOn.length > 1 ? `${step.freezesUsedOn.length} streak freezes` : '',
      ].filter(Boolean);
      return `Day ${n}! ${covered.join(' and ').replace(/^./, (c) => c.toUpperCase())} covered the gap, so your streak kept going.`;
    }
    case 'restarted':
      return 'Day 1 of a fresh streak. Every day counts.';
    default:
      return '';
  }
};

const compose = (
  pointsAwarded: number,
  step: StreakStep,
  milestone: number | null,
  milestoneBonus: number,
  comebackBonus: number,
): string => {
  const parts: string[] = [];
  if (comebackBonus > 0) parts.push(`Welcome back! +${comebackBonus} comeback bonus, glad you're here.`);
  if (pointsAwarded > 0) parts.push(`+${pointsAwarded} points.`);
  const streak = streakMessage(step);
  if (streak) parts.push(streak);
  if (milestone !== null && milestoneBonus > 0) {
    parts.push(`That's a ${milestone}-day milestone: +${milestoneBonus} bonus points.`);
    if (step.freezeEarned) parts.push('You also earned a streak freeze for a day off.');
  }
  if (parts.length === 0) parts.push('Nice work, that one is already counted.');
  return parts.join(' ');
};

const toStreakChange = (step: StreakStep, doc: StreakDoc | null): StreakChange => {
  const state = streakStateOf(doc) ?? step.state;
  return {
    current: state.current,
    longest: state.longest,
    freezes: state.freezes,
    lastActiveDay: state.lastActiveDay,
    kind: step.kind,
    graceUsed: step.graceUsedOn.length > 0,
    graceUsedOn: step.graceUsedOn,
    freezesUsed: step.freezesUsedOn.length,
    freezeEarned: step.freezeEarned,
    restarted: step.kind === 'restarted',
  };
};

/**
 * Rewards a finished thing: points once per key, the day counted towards the streak (in the person's time zone),
 * milestone and comeback bonuses once each. Never deducts anything.
 */
export const celebrateCompletion = async (
  deps: CelebrateCompletionDeps,
  actor: Actor,
  event: CompletionEvent,
): Promise<Celebration> => {
  const { isNew, entry } = await deps.ledger.award(actor.userId, {
    key: event.key,
    reason: event.reason,
    points: event.points,
    refId: event.refId,
  });
  if (isNew) {
    const meta = { reason: event.reason, points: entry.points };
    await deps.audit.record(actor, 'points.awarded', 'points_ledger', entry._id, meta);
  }

  const now = deps.clock.now();
  const timezone = (await deps.users.get(actor.userId))?.timezone ?? 'UTC';
  const day = localDay(event.completedAt.getTime() > now.getTime() ? now : event.completedAt, timezone);
  const { doc, step } = await updateStreak(deps.streaks, actor.userId, day, now);
  if (step.changed) {
    await deps.audit.record(actor, 'streak.updated', 'streak', doc?._id ?? null, {
      day,
      kind: step.kind,
      current: step.state.current,
      graceUsedOn: step.graceUsedOn,
      freezesUsedOn: step.freezesUsedOn,
      freezeEarned: step.freezeEarned,
    });
  }

  // Pays the newest version's bonuses: ours, or ones a crashed writer recorded but never paid (keys make it once).
  let milestoneBonus = 0;
  let milestone: number | null = null;
  let comebackBonus = 0;
  for (const bonus of doc?.bonuses ?? []) {
    const paid = await deps.ledger.award(actor.userId, {
      key: bonus.key,
      reason: bonus.reason,
      points: bonus.points,
      refId: doc?._id ?? null,
    });
    if (!paid.isNew) continue;
    await deps.audit.record(actor, 'points.awarded', 'points_ledger', paid.entry._id, {
      reason: bonus.reason,
      points: bonus.points,
    });
    if (bonus.reason === 'streak_milestone') {
      milestoneBonus += bonus.points;
      milestone = bonus.milestone ?? step.milestone;
    } else {
      comebackBonus += bonus.points;
    }
  }

  const totals = await deps.ledger.balance(actor.userId);
  const pointsAwarded = isNew ? entry.points : 0;
  return {
    isNew,
    pointsAwarded,
    comebackBonus,
    milestoneBonus,
    milestone,
    balance: totals.balance,
    level: totals.level,
    streak: toStreakChange(step, doc),
    message: compose(pointsAwarded, step, milestone, milestoneBonus, comebackBonus),
  };
};
