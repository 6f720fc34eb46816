// Conversation flows the understanding has no intent for (its intents cover single commands): start mode, evening
// review, fresh start. Checked before the understanding; each pattern is narrow so ordinary commands pass through.

export type Flow =
  | { flow: 'start_task'; words: string | null }
  | { flow: 'review_day' }
  | { flow: 'fresh_start' }
  | { flow: 'what_now'; minutes: number | null; energy: number | null; mood: number | null };

const startPattern =
  /^(?:let'?s |i'?ll |help me |ok(?:ay)?,? )?(?:start|get started on|begin|kick off)\s+(?:on\s+)?(\S.*)$/i;
const reviewPattern =
  /\b(?:evening review|review (?:my|the|to)?\s*day|how did (?:my )?(?:day|today) go|wrap up (?:my |the )?day|end of (?:the )?day review)\b/i;
const freshPattern =
  /\b(?:fresh start|clean slate|start over|i'?ve been (?:away|gone|offline|mia)|been away for|back after|i'?m back|overdue pile|so much overdue|everything is overdue)\b/i;

const minutesIn = (lower: string): number | null => {
  const hours = /\b(an?|\d+(?:\.\d+)?)\s*(?:hours?|hrs?|h)\b/.exec(lower);
  if (hours) return Math.round((hours[1]!.startsWith('a') ? 1 : Number(hours[1])) * 60);
  const minutes = /\b(\d{1,3})\s*(?:minutes?|mins?|m)\b/.exec(lower);
  if (minutes) return Number(minutes[1]);
  if (/\bhalf an hour\b/.test(lower)) return 30;
  if (/\bfew minutes\b/.test(lower)) return 10;
  return null;
};

/** Energy 1-5 as suggest_next_task reads it. */
const energyIn = (lower: string): number | null => {
  if (/\b(?:exhausted|drained|wiped|burnt out|burned out|fried|no energy)\b/.test(lower)) return 1;
  if (/\b(?:tired|low energy|sleepy|sluggish)\b/.test(lower)) return 2;
  if (/\b(?:energi[sz]ed|pumped|wired|full of energy|high energy)\b/.test(lower)) return 5;
  if (/\b(?:motivated|good energy|awake)\b/.test(lower)) return 4;
  return null;
};

/** Mood 1-5 when the message says it plainly. */
const moodIn = (text: string): number | null => {
  // "low energy" says how much energy, not how they feel
  const lower = text.replace(/\b(?:low|high|good) energy\b/g, '');
  if (/\b(?:awful|terrible|miserable|depressed|really down)\b/.test(lower)) return 1;
  if (/\b(?:sad|down|low|anxious|stressed|overwhelmed|meh)\b/.test(lower)) return 2;
  if (/\b(?:great|amazing|fantastic|excited)\b/.test(lower)) return 5;
  if (/\b(?:good|happy|calm)\b/.test(lower)) return 4;
  return null;
};

/** The flow a message asks for, if it is one of these; `whatNow` tells whether the understanding read "what now". */
export const flowOf = (text: string, isWhatNow: boolean): Flow | null => {
  const lower = text.toLowerCase().trim();
  if (reviewPattern.test(lower)) return { flow: 'review_day' };
  if (freshPattern.test(lower)) return { flow: 'fresh_start' };
  if (isWhatNow)
    return { flow: 'what_now', minutes: minutesIn(lower), energy: energyIn(lower), mood: moodIn(lower) };
  const start = startPattern.exec(text.trim());
  if (start && !/\b(?:over|fresh)\b/i.test(start[1]!)) {
    const words = start[1]!
      .replace(/[.!]+$/, '')
      .replace(/^(?:on |with |the task )/i, '')
      .trim();
    return { flow: 'start_task', words: /^(?:it|that|this|that one|this one)$/i.test(words) ? null : words };
  }
  return null;
};
