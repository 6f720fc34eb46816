/**
 * An IANA zone where it is about noon now: "today" has hours left on both sides, and quiet hours (22:00-08:00 by
 * default) never get in the way, whatever time of day the suite runs.
 */
export const zoneAtNoon = (): string => {
  const offset = 12 - new Date().getUTCHours();
  if (offset === 0) return 'Etc/GMT';
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
};
