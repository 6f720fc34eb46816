const MINUTE_MS = 60_000;

/** Minutes that count as focused: whole minutes elapsed, never negative, never more than planned. */
export const focusedMinutesBetween = (startedAt: Date, endedAt: Date, plannedMinutes: number): number =>
  Math.max(0, Math.min(plannedMinutes, Math.floor((endedAt.getTime() - startedAt.getTime()) / MINUTE_MS)));

/** Points for a completed block: 2 per 5 focused minutes (a 25-minute block earns 10), at least 1, at most 96. */
export const focusPointsFor = (focusedMinutes: number): number =>
  Math.min(96, Math.max(1, Math.round(focusedMinutes * 0.4)));

export const plannedEndOf = (startedAt: Date, plannedMinutes: number): Date =>
  new Date(startedAt.getTime() + plannedMinutes * MINUTE_MS);
