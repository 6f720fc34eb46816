// Crisis language is answered before anything else looks at the message: no model, no tool, no task, no points. The
// patterns look for first-person statements of suicidal thoughts or self-harm in everyday English (lower case,
// missing apostrophes, a few common typos), and leave alone the idioms people use all day ("this report is killing
// me", "dead tired", "I could kill for a coffee"). What is and is not detected: docs/safety.md.

/** What a message was recognised as; recorded in the audit log instead of the words themselves. */
export type CrisisSignal = 'suicidal' | 'self_harm' | 'hopeless';

/** Only the start of a long message is read (like the offline understanding). */
const MAX_CHARS = 1_000;

/** Spelling variants folded into one form before matching, so the patterns stay few. */
const folds: [RegExp, string][] = [
  [/[‘’`´]/g, "'"],
  [/'/g, ''], // don't -> dont, i'm -> im, i'll -> ill
  [/\bdo not\b/g, 'dont'],
  [/\bcan ?not\b/g, 'cant'],
  [/\bwanna\b/g, 'want to'],
  [/\bwnat\b|\bwan\b/g, 'want'],
  [/\bgonna\b/g, 'going to'],
  [/\bmy ?sel(?:f|ve)\b|\bmyslef\b|\bmysef\b|\bmeself\b/g, 'myself'],
  [/\bkms\b/g, 'kill myself'],
  [/\bkil+\b/g, 'kill'],
  [/\bsu[ia]?c[ie]?dal\b/g, 'suicidal'],
  [/\bsu[ia]?c[ie]?de\b/g, 'suicide'],
  [/\bany ?more\b|\bany longer\b|\bno more\b|\bnomore\b/g, 'anymore'],
  [/\beverybody\b|\bevery one\b|\bevery1\b/g, 'everyone'],
  [/\bself[- ]?harm/g, 'selfharm'],
];

/** Lower case, variants folded, sentence ends kept as " | " so a pattern can ask for the end of a clause. */
export const normalizeForCrisis = (text: string): string => {
  let out = text.slice(0, MAX_CHARS).toLowerCase();
  for (const [pattern, replacement] of folds) out = out.replace(pattern, replacement);
  return out
    .replace(/[.!?;:,\n()]+/g, ' | ')
    .replace(/[^a-z0-9| ]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
};

/** The end of a clause: end of message or a sentence break. */
const END = String.raw`(?= \||$)`;
const intent = String.raw`(?:want to|wanting to|going to|might|could|will|ill|feel like|urge to|tempted to|thinking about|think about|scared ill|afraid ill|keep|kept|been|started|planning to|plan to)`;

const patterns: [CrisisSignal, RegExp][] = [
  ['suicidal', /\bkill(?:ing)? myself\b/],
  ['suicidal', /\bsuicidal\b|\bcommit(?:ting)? suicide\b|\bsuicide (?:thoughts|plan|note|attempt)\b/],
  [
    'suicidal',
    /\b(?:thinking|thought|thoughts|think) (?:about|of) (?:suicide|dying(?! my| it| the| her| his)|ending it|ending my life)\b/,
  ],
  ['suicidal', /\bend(?:ing)? my (?:own )?life\b|\btak(?:e|ing) my (?:own )?life\b|\bend it all\b/],
  ['suicidal', new RegExp(String.raw`\b(?:want to|going to|ready to|planning to|plan to) end it${END}`)],
  [
    'suicidal',
    new RegExp(
      String.raw`\bwant to die(?:${END}| anymore| already| so bad| sometimes| tonight| today| honestly)`,
    ),
  ],
  [
    'suicidal',
    /\bwish (?:i|id) (?:was|were|could be|had been) dead\b|\brather be dead\b|\bbetter off dead\b/,
  ],
  ['suicidal', /\bwish (?:i|id) (?:had )?never (?:been born|existed)\b|\bwish i (?:didnt|did not) exist\b/],
  ['suicidal', new RegExp(String.raw`\bdont want to (?:live|exist|be alive)(?:${END}| anymore| like this)`)],
  ['suicidal', /\bdont want to be here anymore\b|\bdont want to be around anymore\b/],
  ['suicidal', new RegExp(String.raw`\bdont want to wake up(?: tomorrow| again| anymore)?${END}`)],
  ['suicidal', /\b(?:hope|wish) i (?:dont|never|wont) wake up\b/],
  [
    'suicidal',
    new RegExp(
      String.raw`\b(?:want to|going to|thinking about|might) (?:jump|jumping) (?:off|in front of)\b`,
    ),
  ],
  [
    'suicidal',
    new RegExp(
      String.raw`\b(?:want to|going to|thinking about|might) (?:overdose|take all (?:of )?my (?:pills|meds))\b`,
    ),
  ],
  ['hopeless', /\bbetter off without me\b/],
  [
    'hopeless',
    /\bbetter off if i (?:was|were|wasnt|werent|died|disappeared|never existed)(?: dead| gone| not here| here| around| not around)?\b/,
  ],
  [
    'hopeless',
    /\b(?:no|nothing|no point|no reason) (?:to live for|left to live for)\b|\bnothing to live for\b/,
  ],
  ['hopeless', /\bno (?:reason|point) (?:to|in|of) (?:live|living|being alive|going on|life)\b/],
  [
    'hopeless',
    /\b(?:dont|do not|cant|cannot) see (?:the |any )?(?:point|reason) (?:in|of|to) (?:living|being alive|going on|life|live|being here)\b/,
  ],
  ['hopeless', /\bwhats the point (?:in|of) (?:living|being alive|going on)\b/],
  ['hopeless', new RegExp(String.raw`\bcant go on(?: living| like this| anymore)?${END}`)],
  ['hopeless', /\b(?:tired|sick) of (?:living|being alive)\b|\bcant do life anymore\b/],
  ['hopeless', /\bwant to disappear (?:forever|for good|permanently)\b/],
  [
    'hopeless',
    /\b(?:im|i am) (?:just |such |only )?a burden (?:to|on) (?:everyone|my family|them|the people)\b/,
  ],
  ['self_harm', /\bselfharm(?:ing)?\b/],
  [
    'self_harm',
    new RegExp(
      String.raw`\b${intent} (?:to )?(?:hurt(?:ing)?|harm(?:ing)?|cut(?:ting)?|burn(?:ing)?|injur(?:e|ing)|hit(?:ting)?) myself\b(?! (?:some slack|a break|off|short|loose|lifting|playing|running|doing|on|at|with|by accident|accidentally)\b)`,
    ),
  ],
  [
    'self_harm',
    /\b(?:hurting|harming|cutting|burning) myself (?:again|on purpose)\b|\bthoughts of (?:hurting|harming|cutting) myself\b/,
  ],
];

/** The kind of crisis a message speaks of, or null for everything else (idioms and hyperbole included). */
export const crisisSignalIn = (text: string): CrisisSignal | null => {
  const normalized = normalizeForCrisis(text);
  for (const [signal, pattern] of patterns) if (pattern.test(normalized)) return signal;
  return null;
};

/**
 * What later turns (the model's history, short-term memory) keep instead of the message: that it happened and what
 * was done, so the next answer stays gentle, without the person's words leaving for a model.
 */
export const CRISIS_TURN_NOTE =
  '[The person shared thoughts of suicide, self-harm or not wanting to live, and was shown crisis lines. Their ' +
  'words are not kept. Be gentle and brief, do not suggest tasks, and remind them the crisis lines are there.]';
