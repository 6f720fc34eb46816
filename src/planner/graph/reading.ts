// The rule-based reading of a message (intent, slots, dates). Three parts of one turn need it: the tool groups
// shown to the model, the reads done before asking it, and the basic-mode plan. `understand` is a pure function of
// the text, the clock and the time zone, so the reading is kept for the few turns in flight and made once.
import { understand, type Understanding } from '../../agents/index.js';

/** Turns in flight at once in one process, with room to spare; the oldest reading goes first. */
const KEPT = 64;
const readings = new Map<string, Understanding>();

/** `understand(text, …)`, made once for the same text, instant and time zone. */
export const readingOf = (text: string, now: Date, timezone: string): Understanding => {
  const key = `${now.toISOString()}\u0000${timezone}\u0000${text}`;
  let reading = readings.get(key);
  if (!reading) {
    reading = understand(text, { now, timezone });
    if (readings.size >= KEPT) readings.delete(readings.keys().next().value!);
    readings.set(key, reading);
  }
  return reading;
};
