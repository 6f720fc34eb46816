import type { Intent } from './intents.js';
import { parseDuration } from './when.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Removes the date words (and the preposition that led into them) from a message. */
export const withoutDate = (text: string, matched: string | null): string => {
  if (!matched) return text;
  return text
    .replace(
      new RegExp(
        `\\s*\\b(?:due\\s+)?(?:on|at|by|for|before|until|till|to|from|in|this|next|starting|every)?\\s*${escape(matched)}`,
        'i',
      ),
      ' ',
    )
    .replace(/\s+/g, ' ')
    .trim();
};

const leadIns = new RegExp(
  '^(?:(?:ugh|ok|okay|so|hey|hmm|oh|argh|yo)[,!.]?\\s+)?(?:(?:please|can you|could you|would you|will you)\\s+)*(?:' +
    [
      "(?:don't|do not) forget to",
      "(?:don't|do not) let me forget(?: about| to)?",
      'note to self',
      '(?:new )?reminder',
      '(?:remind|ping|nudge|text|buzz|message|poke|bug) me (?:to|about)',
      '(?:remind|ping|nudge|text|buzz|message|poke|bug) me',
      'set (?:a|an) (?:reminder|alarm) (?:for|to|about)',
      '(?:create|make) (?:a |me a )?(?:task|todo|reminder)(?: to| for)?',
      'add (?:a )?(?:new )?(?:task|todo|reminder)?\\s*(?:to|for)?',
      'new (?:task|todo)',
      'todo',
      'jot down',
      'note down',
      'put',
      'i (?:really )?(?:need|have|got|gotta|must) to',
      "i've got to",
      'got to',
      'i should(?: really)?',
      "i(?:'ve| have)(?: got)? (?:a|an)(?= )",
      'need to',
      'must',
    ].join('|') +
    ')\\s*[:\\-–]?\\s*',
  'i',
);

const trailers =
  /\s*(?:\b(?:on|to|onto|in) (?:my|the) (?:list|tasks|todo|todos|todo list|to-do list)|\bfor me|\bplease|\binstead|\bthanks|\bthx|\bok)\s*[.!?]*$/i;

/** The message without the words that ask for a task ("I need to", "remind me to", "add"). */
export const withoutLeadIn = (text: string): string => {
  let rest = text;
  for (let i = 0; i < 3; i++) rest = rest.replace(leadIns, '');
  return rest;
};

/** What to call a new task: the message without its command words, date words and politeness. */
export const titleFrom = (display: string, matchedDate: string | null): string | null => {
  let text = withoutLeadIn(withoutDate(display, matchedDate));
  for (let i = 0; i < 3; i++) text = text.replace(trailers, '');
  text = text
    .replace(/\s+\b(?:at|by|on|for|before|until|till|from|in|this|next|about|abt)\s*$/i, '')
    .replace(/^["'“”]+|["'“”]+$/g, '')
    .replace(/[\s,.!?:;-]+$/, '')
    .trim();
  if (!text || /^(?:it|that|this|one|a task|something)$/i.test(text)) return null;
  return text.charAt(0).toUpperCase() + text.slice(1);
};

const politeness =
  /^(?:(?:yo|hey|ok|okay|so|ugh|um|well)[,!.]?\s+)?(?:(?:please|pls|can you|could you|would you|can we|let's|i've|i|just|finally|all)\s+)*/i;

const refLeadIns: Partial<Record<Intent, RegExp>> = {
  complete_task:
    /^(?:done with|finished|completed|check(?:ed)? off|tick(?:ed)? off|cross(?:ed)? off|mark(?:ed)?|did|got|paid|sent|submitted|called|cleaned|washed|bought|returned|booked|emailed|texted|filed|mailed|cooked|folded|took|watered|fed|walked|vacuumed|emptied|renewed|ordered)(?:\s*[:-])?\s+/i,
  snooze:
    /^(?:(?:not(?: right)?(?: now)?|not yet|later)[,.]?(?:\s+|$))*(?:(?:hit snooze on|snooze|delay|push|hold off|put off|postpone|remind me(?: again)?(?: later)?|ask me(?: again)?|ping me|bug me|nudge me|give me|can i have)(?:\s+|$))?(?:about\s+)?/i,
  reschedule:
    /^(?:reschedule|postpone|move|push(?: back)?|bump|shift|put off|defer|do|change the (?:due date|deadline|date|time) (?:of|for)|change)\s+/i,
  break_down:
    /^(?:break down|break|split|chunk|make|help me (?:start|begin|break down|break|split|chunk)|(?:give me |what's )?the first step for|first step for|steps for|how do i (?:even )?(?:start|begin)(?: on| with)?|where do i (?:even )?(?:start|begin)(?: with)?|(?:i )?(?:don't|do not) know how to (?:start|begin))\s+/i,
  delete_task:
    /^(?:delete|remove|trash|bin|scrap|erase|get rid of|take)(?:\s+(?:the\s+)?task)?(?:\s*[:-])?\s+/i,
  reopen_task:
    /^(?:reopen|re-open|unmark|uncomplete|un-complete|mark)(?:\s+(?:the\s+)?task)?(?:\s*[:-])?\s+/i,
};

const motivationTarget =
  /\b(?:motivation|motivate me|hype me up|pep talk|putting off|make myself|get myself to|dreading|procrastinating(?: so hard)?)\s+(?:to (?:do |start |finish )?|for |on |with |about |start |do |finish )?([^,.!?]+)/i;

const vague =
  /^(?:it|that|this|that one|this one|one|them|everything|anything|something|stuff|done|right|right now|now|please|pls|later|not|not yet|in|\d+(?: more)?(?: minutes| hours?)?|it down|this down|it up)$/i;

// "what's the first step?" asks about the task just talked about; "done with the first step" names a step of it
const askedStep =
  /^(?:so |ok(?:ay)? )?what(?:'s| is| would be) (?:the |my )?(?:first|next) (?:small |tiny )?step(?: here| then)?$/i;

/** Which task a command is about ("done with the laundry" → "the laundry"); null for "it", "that" and the like. */
export const taskRefFrom = (intent: Intent, display: string, matchedDate: string | null): string | null => {
  let text = withoutDate(display, matchedDate)
    .replace(/[\p{Extended_Pictographic}\uFE0F✅✔☑]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (intent === 'motivate') {
    const target = motivationTarget.exec(text)?.[1]?.replace(/\s+and\b.*$/i, '');
    text = target ?? '';
  } else {
    const stated =
      /^(?:[^,]*,\s*)?(\S(?:.*?\S)?)\s*(?:is|are|'s)\s+(?:done|finished|submitted|sent|paid|complete)\b/i.exec(
        text,
      );
    if (intent === 'complete_task' && stated) text = stated[1]!;
    text = text
      .replace(/,?\s*(?:cross|tick|check|mark) (?:it|that|this) off\b.*$/i, '')
      .replace(/,\s*(?:where|how) (?:do|should|can) i\b.*$/i, '')
      .replace(/,\s*help me\b.*$/i, '')
      .replace(/\s+(?:is|feels|seems)\s+(?:way\s+|so\s+)?(?:too|so)\s+(?:big|much)\b.*$/i, '')
      .replace(/^i'?m stuck on\s+/i, '')
      .replace(politeness, '');
    const lead = refLeadIns[intent];
    if (lead) for (let i = 0; i < 2; i++) text = text.replace(lead, '').replace(politeness, '');
  }
  text = text
    .replace(/\s+(?:as )?(?:not done|undone|todo|open)\s*$/i, '')
    .replace(/\s+(?:from|off|on) (?:my|the) (?:list|tasks|todo list|to-do list)\s*$/i, '')
    .replace(/\s+(?:as )?(?:done|complete|completed|finished)\b.*$/i, '')
    .replace(
      /\s+(?:into|in)\s+(?:(?:smaller|tiny|small|baby)\s+)?(?:steps|pieces|parts|chunks|tasks)\b.*$/i,
      '',
    )
    .replace(/(?:\s+(?:for|by|in))?\s+(?:\d+\s*|(?:an?|half an?)\s+)(?:more\s+)?(?:minutes|hours?)\b.*$/i, '')
    .replace(/\s+(?:again|back|in a bit|in a while|later)\b.*$/i, '')
    .replace(/\s+\d+$/, '')
    .replace(/\s+(?:reminder|task|deadline|due date)\b/i, '')
    .replace(
      /(?:\s+(?:smaller|finally|please|pls|yay|woo+|woohoo|for me|instead|already|now|today|right now))+[\s?.!]*$/i,
      '',
    )
    .replace(/\s+(?:down|up)$/i, '')
    .replace(/\s*\b(?:to|until|till|on|to the|until the|till the|from)\s*$/i, '')
    .replace(/^["'“”]+|["'“”]+$/g, '')
    .replace(/[\s,.!?:;-]+$/, '')
    .trim();
  if (!text || vague.test(text) || askedStep.test(text) || text.split(' ').length > 10) return null;
  return text;
};

const moodScale: [RegExp, number][] = [
  [/\b(?:awful|terrible|horrible|miserable|depressed|crap|crappy|shitty|worst|hopeless|garbage|trash)\b/, 1],
  [
    /\b(?:sad|down|low|bad|stressed|anxious|nervous|overwhelmed|frustrated|angry|annoyed|lonely|rough|hard|tough|sucks|burnt out|burned out)\b|😞|😢|😭|😩|😔|🙁|☹|😫|😤|😡/u,
    2,
  ],
  [/\b(?:meh|ok|okay|alright|so-so|fine|mixed)\b|😐/u, 3],
  [/\b(?:good|happy|calm|relaxed|pleasant|content|well)\b|🙂|😊/u, 4],
  [/\b(?:great|amazing|awesome|fantastic|wonderful|excellent|brilliant|incredible)\b|😄|😁|😃|😀|🤩|🥳/u, 5],
];

const energyScale: [RegExp, number][] = [
  [/\b(?:exhausted|drained|wiped|dead|no energy|burnt out|burned out)\b|😴|🥱/u, 1],
  [/\b(?:tired|sleepy|low energy|sluggish|groggy)\b/, 2],
  [/\b(?:energi[sz]ed|wired|pumped|buzzing|hyper|full of energy)\b/, 5],
];

/** A number given as "3", "3/5" or "7/10", on a 1-5 scale. */
const levelAfter = (text: string, word: string): number | null => {
  const match = new RegExp(`\\b${word}\\b[^0-9]{0,20}(\\d{1,2})(?:\\s*/\\s*(5|10))?`).exec(text);
  if (!match) return null;
  const value = Number(match[1]);
  const scale = match[2] ? Number(match[2]) : value > 5 ? 10 : 5;
  const level = scale === 10 ? Math.round(value / 2) : value;
  return Math.min(5, Math.max(1, level));
};

/** Mood and energy on a 1-5 scale from words, emoji and numbers; each null when the message does not say. */
export const moodFrom = (lower: string): { mood: number | null; energy: number | null } => {
  let mood = levelAfter(lower, 'mood');
  let energy = levelAfter(lower, 'energy');
  if (mood === null) {
    const bare =
      /^(?:log my mood:?\s*)?(\d)\s*\/\s*5\b/.exec(lower) ??
      /\bmood:?\s*(\d)\s*\/\s*5\b/.exec(lower) ??
      /:\s*(\d)\s*\/\s*5\b/.exec(lower) ??
      /\b([1-5])\s*(?:\/|out of)\s*5\b/.exec(lower);
    if (bare) mood = Number(bare[1]);
  }
  if (mood === null) {
    const found = moodScale.filter(([pattern]) => pattern.test(lower)).map(([, level]) => level);
    // "sad but ok": the stronger feeling is the one worth logging
    if (found.length) mood = found.reduce((a, b) => (Math.abs(b - 3) > Math.abs(a - 3) ? b : a));
  }
  if (energy === null) energy = energyScale.find(([pattern]) => pattern.test(lower))?.[1] ?? null;
  return { mood, energy };
};

/** Granularity asked for: 5 for tiny steps, 4 for smaller, 2 for rough ones; null when not said. */
export const granularityFrom = (lower: string): number | null => {
  if (/\b(?:tiny|really small|super small|baby|micro)\b/.test(lower)) return 5;
  if (/\b(?:smaller|small)\b/.test(lower)) return 4;
  if (/\b(?:big|rough|broad|high[- ]level)\b/.test(lower) && !/\btoo big\b/.test(lower)) return 2;
  return null;
};

export const listFilterFrom = (lower: string): 'today' | 'tomorrow' | 'overdue' | 'week' | 'all' => {
  if (/\b(?:overdue|late|missed)\b/.test(lower)) return 'overdue';
  if (/\btomorrow\b/.test(lower)) return 'tomorrow';
  if (/\b(?:this|the) week\b/.test(lower)) return 'week';
  if (/\b(?:today|tonight)\b/.test(lower)) return 'today';
  return 'all';
};

const rewardLeadIn =
  /^.*?\b(?:redeem|cash in(?: for| on)?|claim|use (?:my )?points (?:for|on)|spend (?:\d+ )?points (?:on|for)|get|have|take)\s+(?:(?:\d+|some|my)\s+points\s+(?:on|for)\s+)?/i;

export const rewardFrom = (display: string): string | null => {
  const text = display
    .replace(rewardLeadIn, '')
    .replace(/\s+(?:now|please|today)\s*[.!?]*$/i, '')
    .replace(/[\s.!?]+$/, '')
    .trim();
  return text && !/^(?:my |a |the )?reward$/i.test(text) && text !== display.trim() ? text : null;
};

const memoryLeadIn =
  /^.*?\b(?:please remember|stop remembering|remember|please note|note that|note(?=:)|keep in mind|fyi|for future reference|save this|don't forget that|forget about|forget that|forget what i said about|forget the thing about|forget|delete the note about|erase what you know about|(?:remove|delete|erase) what you remember about|don't remember)\b\s*(?:that\b)?[\s:,-]*/i;

/** The fact to remember or forget, without the command words. */
export const memoryFrom = (display: string): string | null => {
  const text = display
    .replace(memoryLeadIn, '')
    .replace(/[\s.!?]+$/, '')
    .trim();
  return text && text !== display.trim() && !/^(?:it|that|this)$/i.test(text) ? text : null;
};

export { parseDuration };
