import { addDays, daysBetween } from './local-day.js';

/** What we remember about a person's streak. Days are calendar days in their time zone (`YYYY-MM-DD`). */
export type StreakState = {
  /** Active days in the current run (bridged days keep the run alive but are not counted). */
  current: number;
  longest: number;
  lastActiveDay: string | null;
  runStartDay: string | null;
  /** Streak freezes in hand, earned at milestones, spent automatically on a missed day. */
  freezes: number;
  /** Recent days forgiven by the weekly grace day (only the last few matter for the rolling window). */
  graceDays: string[];
  /** Recent missed days that were bridged, and how. */
  bridgedDays: { day: string; by: 'grace' | 'freeze' }[];
  /** Every day with at least one completion, ever. */
  activeDays: number;
};

export const STREAK_RULES = {
  milestones: [3, 7, 14, 30, 60, 100, 150, 200, 365] as const,
  /** Milestones from this length on also earn a freeze. */
  freezeFromMilestone: 7,
  maxFreezes: 3,
  /** One missed day per this many days is forgiven without spending anything. */
  graceWindowDays: 7,
  /** Missed days before a completion counts as a comeback. */
  comebackAfterDaysAway: 3,
  comebackBonus: 15,
} as const;

const milestoneBonuses: Record<number, number> = {
  3: 10,
  7: 25,
  14: 40,
  30: 75,
  60: 120,
  100: 200,
  150: 250,
  200: 300,
  365: 500,
};

/** Milestones are the listed lengths, then every full year. */
export const isMilestone = (length: number): boolean =>
  (STREAK_RULES.milestones as readonly number[]).includes(length) || (length > 365 && length % 365 === 0);

export const milestoneBonusFor = (length: number): number =>
  milestoneBonuses[length] ?? (isMilestone(length) ? 500 : 0);

/** The next milestone strictly after `length`. */
export const nextMilestone = (length: number): number => {
  const listed = STREAK_RULES.milestones.find((m) => m > length);
  return listed ?? (Math.floor(length / 365) + 1) * 365;
};

export const emptyStreak = (): StreakState => ({
  current: 0,
  longest: 0,
  lastActiveDay: null,
  runStartDay: null,
  freezes: 0,
  graceDays: [],
  bridgedDays: [],
  activeDays: 0,
});

export type StreakStep = {
  state: StreakState;
  /** False when the day was already counted (or lies before the last counted day): nothing to save. */
  changed: boolean;
  kind: 'started' | 'same_day' | 'earlier_day' | 'continued' | 'bridged' | 'restarted';
  /** Days without any completion between the last active day and this one. */
  daysAway: number;
  graceUsedOn: string[];
  freezesUsedOn: string[];
  milestone: number | null;
  freezeEarned: boolean;
  isComeback: boolean;
};

/** A grace day is free when no other grace day lies within the rolling window before it. */
const isGraceAvailable = (graceDays: string[], day: string): boolean =>
  graceDays.every((g) => Math.abs(daysBetween(g, day)) >= STREAK_RULES.graceWindowDays);

/**
 * Bridges the missed days with grace first (free, renews weekly), then freezes. Returns null when the gap is too
 * long; then nothing is consumed, so a fresh start never costs a freeze.
 */
const bridge = (state: StreakState, firstMissed: string, missed: number) => {
  const graceDays = [...state.graceDays];
  let freezes = state.freezes;
  const graceUsedOn: string[] = [];
  const freezesUsedOn: string[] = [];
  for (let i = 0; i < missed; i++) {
    const day = addDays(firstMissed, i);
    if (isGraceAvailable(graceDays, day)) {
      graceDays.push(day);
      graceUsedOn.push(day);
    } else if (freezes > 0) {
      freezes -= 1;
      freezesUsedOn.push(day);
    } else {
      return null;
    }
  }
  return { graceDays, freezes, graceUsedOn, freezesUsedOn };
};

/** The streak after a completion on `day`. Pure: never deducts points, never shrinks `longest`. */
export const advanceStreak = (previous: StreakState | null, day: string): StreakStep => {
  const before = previous ?? emptyStreak();
  const unchanged = (kind: 'same_day' | 'earlier_day'): StreakStep => ({
    state: before,
    changed: false,
    kind,
    daysAway: 0,
    graceUsedOn: [],
    freezesUsedOn: [],
    milestone: null,
    freezeEarned: false,
    isComeback: false,
  });

  let kind: StreakStep['kind'];
  let daysAway = 0;
  let next: StreakState;
  let graceUsedOn: string[] = [];
  let freezesUsedOn: string[] = [];

  if (!before.lastActiveDay) {
    kind = 'started';
    next = { ...before, current: 1, runStartDay: day };
  } else {
    const gap = daysBetween(before.lastActiveDay, day);
    if (gap === 0) return unchanged('same_day');
    if (gap < 0) return unchanged('earlier_day');
    daysAway = gap - 1;
    if (daysAway === 0) {
      kind = 'continued';
      next = { ...before, current: before.current + 1 };
    } else {
      const bridged = bridge(before, addDays(before.lastActiveDay, 1), daysAway);
      if (bridged) {
        kind = 'bridged';
        graceUsedOn = bridged.graceUsedOn;
        freezesUsedOn = bridged.freezesUsedOn;
        next = {
          ...before,
          current: before.current + 1,
          freezes: bridged.freezes,
          graceDays: bridged.graceDays.slice(-3),
          bridgedDays: [
            ...before.bridgedDays,
            ...graceUsedOn.map((d) => ({ day: d, by: 'grace' as const })),
            ...freezesUsedOn.map((d) => ({ day: d, by: 'freeze' as const })),
          ]
            .sort((a, b) => a.day.localeCompare(b.day))
            .slice(-10),
        };
      } else {
        kind = 'restarted';
        next = { ...before, current: 1, runStartDay: day };
      }
    }
  }

  next.lastActiveDay = day;
  next.activeDays = before.activeDays + 1;
  const milestone = isMilestone(next.current) ? next.current : null;
  const freezeEarned =
    milestone !== null &&
    milestone >= STREAK_RULES.freezeFromMilestone &&
    next.freezes < STREAK_RULES.maxFreezes;
  if (freezeEarned) next.freezes += 1;
  next.longest = Math.max(before.longest, next.current);

  return {
    state: next,
    changed: true,
    kind,
    daysAway,
    graceUsedOn,
    freezesUsedOn,
    milestone,
    freezeEarned,
    isComeback: daysAway >= STREAK_RULES.comebackAfterDaysAway,
  };
};

export type StreakOutlook = {
  status: 'not_started' | 'done_today' | 'continues_today' | 'fresh_start';
  /** The run as it stands today: 0 when the next completion would start a fresh streak. */
  current: number;
  /** Whether missing today would be forgiven by the weekly grace day (without spending a freeze). */
  graceAvailableToday: boolean;
};

/** How the streak looks on `today` without changing anything: would a completion today continue it? */
export const streakOutlook = (state: StreakState | null, today: string): StreakOutlook => {
  if (!state?.lastActiveDay) return { status: 'not_started', current: 0, graceAvailableToday: true };
  if (daysBetween(state.lastActiveDay, today) <= 0) {
    return {
      status: 'done_today',
      current: state.current,
      graceAvailableToday: isGraceAvailable(state.graceDays, today),
    };
  }
  const step = advanceStreak(state, today);
  if (step.kind === 'restarted') return { status: 'fresh_start', current: 0, graceAvailableToday: true };
  // Grace that bridging the days already missed would use is not available for today.
  return {
    status: 'continues_today',
    current: state.current,
    graceAvailableToday: isGraceAvailable(step.state.graceDays, today),
  };
};
