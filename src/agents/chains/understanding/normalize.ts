/** Slang, shorthand and common typos, word by word (lower case keys). */
const replacements: Record<string, string> = {
  tmrw: 'tomorrow',
  tmr: 'tomorrow',
  tmrow: 'tomorrow',
  tmw: 'tomorrow',
  '2moro': 'tomorrow',
  '2morrow': 'tomorrow',
  '2mrw': 'tomorrow',
  tomoz: 'tomorrow',
  tommorow: 'tomorrow',
  tommorrow: 'tomorrow',
  tomorow: 'tomorrow',
  tomorrw: 'tomorrow',
  tmrrw: 'tomorrow',
  tonite: 'tonight',
  '2nite': 'tonight',
  '2day': 'today',
  tdy: 'today',
  tday: 'today',
  wknd: 'weekend',
  wkend: 'weekend',
  nxt: 'next',
  wk: 'week',
  mon: 'monday',
  tues: 'tuesday',
  tue: 'tuesday',
  wed: 'wednesday',
  weds: 'wednesday',
  thu: 'thursday',
  thur: 'thursday',
  thurs: 'thursday',
  fri: 'friday',
  hr: 'hour',
  hrs: 'hours',
  mins: 'minutes',
  min: 'minutes',
  sec: 'seconds',
  secs: 'seconds',
  b4: 'before',
  pls: 'please',
  plz: 'please',
  plez: 'please',
  u: 'you',
  ur: 'your',
  ya: 'you',
  im: "i'm",
  ive: "i've",
  dont: "don't",
  cant: "can't",
  wont: "won't",
  didnt: "didn't",
  doesnt: "doesn't",
  isnt: "isn't",
  whats: "what's",
  thats: "that's",
  its: "it's",
  lets: "let's",
  wheres: "where's",
  hows: "how's",
  wanna: 'want to',
  gotta: 'got to',
  lemme: 'let me',
  gimme: 'give me',
  abt: 'about',
  bc: 'because',
  cuz: 'because',
  thx: 'thanks',
  ty: 'thanks',
  rn: 'right now',
  w: 'with',
  '&': 'and',
  '+': 'and',
  todos: 'tasks',
  'to-dos': 'tasks',
  todo: 'todo',
  pts: 'points',
  remnd: 'remind',
  remimd: 'remind',
  rmind: 'remind',
  reminde: 'remind',
  rember: 'remember',
  remeber: 'remember',
  remembr: 'remember',
  rmember: 'remember',
  resched: 'reschedule',
  reshedule: 'reschedule',
  rescedule: 'reschedule',
  shedule: 'schedule',
  schedual: 'schedule',
  scedule: 'schedule',
  halp: 'help',
  hlp: 'help',
  motivte: 'motivate',
  motiv8: 'motivate',
  brk: 'break',
  eod: 'today at 5pm',
  eow: 'friday at 5pm',
  asap: 'as soon as possible',
  tbh: 'honestly',
  af: 'very',
  rly: 'really',
  kinda: 'kind of',
  sorta: 'sort of',
};

/** Words the fuzzy matcher may correct towards; only tokens close to one of these and not themselves known are changed. */
const vocabulary = [
  'remind',
  'remember',
  'forget',
  'finished',
  'completed',
  'snooze',
  'reschedule',
  'schedule',
  'motivate',
  'motivation',
  'points',
  'redeem',
  'tomorrow',
  'overdue',
  'postpone',
  'encourage',
  'balance',
  'organize',
  'reminder',
  'exhausted',
  'anxious',
  'overwhelmed',
  'tonight',
  'wednesday',
  'thursday',
  'saturday',
  'tuesday',
  'yesterday',
  'today',
];

/** Real words near vocabulary words that must stay as typed. */
const knownWords = new Set([
  'forgot',
  'former',
  'remain',
  'remained',
  'reminded',
  'finishes',
  'finish',
  'complete',
  'completes',
  'pointed',
  'pointy',
  'balanced',
  'organic',
  'scheduled',
  'redeemed',
  'anxiety',
  'encouraged',
  'motivated',
  'snoozed',
  'todays',
  'toddy',
]);

/** Optimal string alignment distance (Damerau-Levenshtein without repeated edits of one substring). */
export const editDistance = (a: string, b: string): number => {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
};

const fuzzyFix = (word: string): string => {
  if (word.length < 5 || vocabulary.includes(word) || knownWords.has(word) || !/^[a-z]+$/.test(word))
    return word;
  const limit = word.length >= 8 ? 2 : 1;
  let best: string | null = null;
  let bestDistance = limit + 1;
  for (const target of vocabulary) {
    if (target[0] !== word[0] || Math.abs(target.length - word.length) > limit) continue;
    if (word.startsWith(target) || target.startsWith(word)) continue; // a plural or a stem, not a typo
    const distance = editDistance(word, target);
    if (distance < bestDistance) [best, bestDistance] = [target, distance];
  }
  return best ?? word;
};

export type NormalizedText = {
  /** Lower case, slang expanded, typos fixed: what intent rules read. */
  lower: string;
  /** The same words with the person's capitalisation kept where unchanged: what titles are cut from. */
  display: string;
};

/**
 * Tidies a message for rule matching: curly quotes, slang ("tmrw", "5ish", "eod"), typos close to command words
 * ("remnd", "snoze"), and a bare hour after a day ("tomorrow 5" → "tomorrow at 5") so dates parse.
 */
const OPENING = new Set(['(', '"', "'", '[']);
const CLOSING = new Set([')', '"', "'", ']', ',', '.', '!', '?', ':', ';']);

/** `("word!)` → `(`, `"word`, `!)`: a loop, not a pattern, so a long token costs linear time. */
const splitPunctuation = (token: string) => {
  let start = 0;
  while (start < token.length && OPENING.has(token[start]!)) start++;
  let end = token.length;
  while (end > start && CLOSING.has(token[end - 1]!)) end--;
  return { pre: token.slice(0, start), core: token.slice(start, end), post: token.slice(end) };
};

export const normalizeText = (text: string): NormalizedText => {
  const cleaned = text
    .replace(/[’‘`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\b(\d{1,2}(?::\d{2})?)\s*-?ish\b/gi, '$1')
    .replace(/\bbrake (down|it|up)\b/gi, 'break $1')
    .replace(/\s+/g, ' ')
    .trim();
  const tokens = cleaned.split(' ');
  const display = tokens
    .map((token) => {
      const { pre, core, post } = splitPunctuation(token);
      const key = core.toLowerCase();
      const replaced = replacements[key] ?? fuzzyFix(key);
      return replaced === key ? token : `${pre}${replaced}${post}`;
    })
    .join(' ')
    .replace(
      /\b(today|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+(\d{1,2}(?::\d{2})?)(?!\s*(?:st|nd|rd|th|am|pm|min|hours?|days?|weeks?|%|\/))\b/gi,
      '$1 at $2',
    );
  return { lower: display.toLowerCase(), display };
};
