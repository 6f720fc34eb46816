/** Plain-text reading of task titles for the offline chains: what kind of task it is, its object, its keywords. */

export type TaskKind =
  | 'inbox'
  | 'message'
  | 'call'
  | 'job_application'
  | 'presentation'
  | 'writing'
  | 'laundry'
  | 'dishes'
  | 'cleaning'
  | 'online_order'
  | 'shopping'
  | 'admin'
  | 'reading'
  | 'study'
  | 'code'
  | 'cooking'
  | 'exercise'
  | 'packing'
  | 'event'
  | 'repair'
  | 'generic';

/** First match wins, so the more specific kinds come first. */
const kindRules: [TaskKind, RegExp][] = [
  ['inbox', /\b(inbox|emails|e-mails|unread|messages? backlog|slack backlog)\b/],
  [
    'job_application',
    /\b(resume|résumé|cv|cover letter|job applications?|apply (for|to)\b.*\b(job|position|role|opening|internship)|linkedin|interview)\b/,
  ],
  ['presentation', /\b(slides?|presentation|deck|powerpoint|keynote|pitch|poster|flyer|portfolio)\b/],
  ['message', /\b(e-?mail|reply|respond|write back|text|message|dm|thank[- ]you (note|card)|rsvp)\b/],
  [
    'call',
    /\b(call|phone|ring|book (an? |the )?(appointment|appt)|schedule (an? |the )?(appointment|appt|checkup|check-up)|make (an? )?(appointment|appt)|dentist|doctor|gp appointment|vet appointment|haircut)\b/,
  ],
  [
    'admin',
    /\b(tax(es)?|bills?|pay|invoice|form|paperwork|insurance|renew|passport|licen[cs]e|visa|bank|budget|expenses?|receipts?|claim|reimburse(ment)?|refund|subscription|cancel|registration|register|permit|fafsa|benefits|rent|mortgage|loan|401k|pension|accounting|bookkeeping|payroll)\b/,
  ],
  [
    'writing',
    /\b(write|draft|essay|paper|report|article|blog|post|thesis|dissertation|chapter|proposal|story|letter|speech|newsletter|journal|document(ation)?|readme|edit|proofread)\b/,
  ],
  [
    'laundry',
    /\b(laundry|wash (my |the )?clothes|fold (the |my )?clothes|ironing|iron (my |the )?shirts?|washing machine|bedsheets|sheets|towels)\b/,
  ],
  ['dishes', /\b(dishes|dishwasher|wash up|washing up|pots and pans)\b/],
  [
    'cleaning',
    /\b(clean|tidy|declutter|vacuum|hoover|mop|dust|scrub|wipe|organi[sz]e (my |the )?(room|closet|wardrobe|garage|desk|drawers?|kitchen|pantry|basement|attic|shelf|shelves|fridge)|clear out|sort (through )?(my |the )?(closet|garage|clothes|stuff)|bathroom|toilet|trash|garbage|recycling|fridge)\b/,
  ],
  ['online_order', /\b(order|amazon|online shop|buy .* online|renew subscription)\b/],
  [
    'shopping',
    /\b(buy|shop|shopping|groceries|grocery|supermarket|pick up|pickup|get (some )?(milk|bread|food|gas|petrol)|pharmacy|post office|return (the |a |my )?(package|parcel|shoes|jacket|item))\b/,
  ],
  ['reading', /\b(read|reading|finish (the|my) book|audiobook)\b/],
  [
    'study',
    /\b(study|exam|test|quiz|midterm|final|revise|revision|review (my |the )?notes|homework|assignment|coursework|read(ing)?|chapter|textbook|lecture|course|module|learn|practice|practise|flashcards|duolingo|piano|guitar)\b/,
  ],
  [
    'code',
    /\b(code|coding|bug|debug|fix (the |a )?(bug|build|test|tests|ci|pipeline)|implement|deploy|refactor|pull request|pr|merge|commit|unit tests?|feature|script|api|database|migration|server|website|repo|github|backup|update (the |my )?(laptop|software|os|app))\b/,
  ],
  ['cooking', /\b(cook|dinner|lunch|breakfast|meal ?prep|bake|baking|recipe|soup|cake)\b/],
  [
    'exercise',
    /\b(workout|work out|exercise|gym|run|running|jog|walk|yoga|stretch|swim|bike|cycling|lift|pilates|hike|steps)\b/,
  ],
  ['packing', /\b(pack|packing|unpack|move|moving|trip|travel|vacation|holiday|flight|suitcase|boxes)\b/],
  [
    'event',
    /\b(plan|organi[sz]e|party|event|birthday|wedding|agenda|meeting|meetup|gift|present for|celebration|reunion|itinerary)\b/,
  ],
  [
    'repair',
    /\b(fix|repair|oil change|tyres?|tires?|leak|assemble|install|mount|hang (the |a )?(shelf|picture|curtains)|replace|light ?bulb|furniture|bike (repair|tune))\b/,
  ],
];

const fillers =
  /^(?:(?:i\s+)?(?:really\s+)?(?:need|have|got|want|ought)\s+to|gotta|gonna|must|should|todo:?|to ?do:?|remember to|don'?t forget to|pls|please|finally|try to|help me)\s+/i;

/** The title without "I need to", "todo:" and trailing punctuation; an empty title stays empty. */
export const cleanTitle = (title: string): string => {
  let text = title.trim().replace(/\s+/g, ' ');
  for (let i = 0; i < 3; i++) text = text.replace(fillers, '');
  return text.replace(/[.!?;:,\s]+$/, '').trim();
};

/** What kind of task a title describes; `generic` when nothing fits. */
export const kindOf = (title: string, notes = ''): TaskKind => {
  const text = ` ${cleanTitle(title).toLowerCase()} `;
  for (const [kind, pattern] of kindRules) if (pattern.test(text)) return kind;
  const extra = notes.toLowerCase();
  if (extra) for (const [kind, pattern] of kindRules) if (pattern.test(extra)) return kind;
  return 'generic';
};

const possessives: [RegExp, string][] = [
  [/\bmy\b/gi, 'your'],
  [/\bmine\b/gi, 'yours'],
  [/\bmyself\b/gi, 'yourself'],
  [/\bi'?m\b/gi, "you're"],
  [/\bme\b/gi, 'you'],
];

/**
 * The thing a title is about, in the person's second person: "call the dentist to reschedule" → "the dentist",
 * "declutter my closet" → "your closet". Used to make template steps specific.
 */
export const objectOf = (title: string): string => {
  const words = cleanTitle(title).split(' ');
  if (words.length < 2) return words.join(' ');
  while (
    words.length > 2 &&
    /^(deep|quick|quickly|finally|just|properly|thoroughly|really|actually|start|begin)$/i.test(words[0]!)
  )
    words.shift();
  let object = words.slice(1).join(' ');
  object = object.replace(/^(?:(?:for|to|on|about|with|up|out|off|through|over|into|in|at)\s+)+/i, '');
  object = object.replace(/\s+(?:to|so|because|before|after|by|until|when|since|while)\s.*$/i, '');
  for (const [pattern, replacement] of possessives) object = object.replace(pattern, replacement);
  return object.trim() || cleanTitle(title);
};

const stopwords = new Set(
  'a an and are as at be but by do for from has have i in is it its me my of on or our so that the their them then there this to up was we were what when with you your just did done get got finally today yesterday now also all some'.split(
    ' ',
  ),
);

/** A rough stem: enough to match "cleaned" with "clean" and "reports" with "report". */
export const stem = (word: string): string => {
  let w = word.toLowerCase();
  for (const suffix of ['ing', 'ed', 'es', 's', 'ly']) {
    if (w.length > suffix.length + 2 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (w.length > 3 && w.at(-1) === w.at(-2)) w = w.slice(0, -1); // "mopp" → "mop"
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1); // "wrote"/"write" stay apart, "filed"/"file" meet
  return w;
};

/** Stemmed content words of a text. */
export const keywordsOf = (text: string): Set<string> =>
  new Set(
    (text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [])
      .map((w) => w.replace(/'s$/, '').replace(/'/g, ''))
      .filter((w) => w.length > 1 && !stopwords.has(w))
      .map(stem),
  );

/** Sizes people mention: "quick", "10 pages", "whole house". Multiplies a kind's usual estimate. */
export const sizeFactorOf = (title: string): number => {
  const text = title.toLowerCase();
  let factor = 1;
  if (/\b(quick|quickly|small|short|tiny|one|single|simple|brief|just)\b/.test(text)) factor *= 0.6;
  if (/\b(whole|entire|all|everything|big|huge|deep|full|complete|massive|overhaul)\b/.test(text))
    factor *= 1.8;
  const pages = /\b(\d{1,3})\s*(pages?|slides?|questions?|problems?|emails?|chapters?|items?|words?)\b/.exec(
    text,
  );
  if (pages) {
    const n = Number(pages[1]);
    const unit = pages[2]!;
    const isReading = /\bread/.test(text);
    const perUnit = unit.startsWith('word')
      ? 1 / 40
      : unit.startsWith('chapter')
        ? isReading
          ? 30
          : 45
        : unit.startsWith('email') || unit.startsWith('item')
          ? 3
          : isReading
            ? 2
            : 10;
    factor *= Math.min(4, Math.max(0.5, (n * perUnit) / 60));
  }
  return Math.min(4, Math.max(0.4, factor));
};

/** Rounds minutes to sizes people plan with: 1, 2, 3, 5, 10, 15, 20, 25, 30, 40, 45, 60, then quarter hours. */
export const niceMinutes = (minutes: number): number => {
  const steps = [1, 2, 3, 5, 10, 15, 20, 25, 30, 40, 45, 60];
  if (minutes <= 60) {
    let best = steps[0]!;
    for (const s of steps) if (Math.abs(s - minutes) < Math.abs(best - minutes)) best = s;
    return best;
  }
  return Math.round(minutes / 15) * 15;
};
