import { conversationRules } from './conversation-rules.js';
import { emailRules } from './email-rules.js';
import type { Intent, Rule } from './intent-schema.js';

export { IntentSchema, type Intent, type Rule } from './intent-schema.js';

const moodWords =
  'tired|exhausted|drained|sleepy|wiped|anxious|nervous|stressed|sad|down|low|depressed|miserable|frustrated|angry|annoyed|overwhelmed|' +
  'happy|great|good|amazing|awesome|fantastic|calm|relaxed|excited|energi[sz]ed|wired|pumped|meh|awful|terrible|horrible|crap|crappy|lonely|bored|burnt out|burned out|okay|ok|fine|alright';
const interjection = '(?:(?:ugh|ok|so|hey|hmm|oh|argh|honestly|well)[,!.]?\\s+)?';
const intensifiers =
  '(?:so|really|super|kind of|sort of|a bit|a little|bit|little|slightly|pretty|very|totally|quite|extremely|honestly|just|feeling)';

/** Weighted patterns over the normalised text; the highest weight wins, so specific phrasings outrank generic ones. */
const rules: Rule[] = [
  // create
  ['create_task', 8, /\b(?:don't|do not) forget to\b/],
  ['create_task', 8, /\b(?:don't|do not) let me forget\b/],
  ['create_task', 6, /\bnote to self\b/],
  // "every sunday evening at 6 plan the week": a message that opens with a repeat is a repeating task to make
  [
    'create_task',
    8,
    /^(?:every|each) (?:other )?(?:day|morning|evening|night|week(?:day|end)?|(?:mon|tues|wednes|thurs|fri|satur|sun)day)s?\b.*\b[a-z]{3,}/,
  ],
  [
    'create_task',
    3,
    /^(?:book|call|buy|email|text|pay|clean|write|finish|submit|send|pick up|renew|order|fix|return|make|get|wash|take|water|feed|walk|cancel|file|print|prepare|prep|study|practice|review|update|ask|bring|drop off|start|organi[sz]e|sort|tidy|vacuum|mow|empty|apply|register|sign up|research|look up|pack|visit|meet|reply to|respond to)\b/,
  ],
  ['create_task', 5, /\bremind me\b.*\bto\s+(?!the\b|a\b)[a-z]+/],
  // "remind me every sunday to plan the week" is a reminder to make, not a plan to make now
  [
    'create_task',
    8,
    /\b(?:remind|ping|nudge|text|buzz) me (?!what|of|how|why|who|where|again|later|in a bit|in a while)(?:[^,.?!]*\s)?to (?!the\b|a\b|it\b|do\b)[a-z]+/,
  ],
  ['create_task', 4, /\b(?:ping|nudge|text|buzz) me (?:to|about)\b/],
  ['create_task', 5, /\bremind me (?:to|about)\b/],
  ['create_task', 4, /\bremind me\b/],
  [
    'create_task',
    5,
    /\b(?:add|new task|new todo|create (?:a )?(?:task|todo|reminder)|make (?:a |me a )?(?:task|todo|reminder)|set (?:a|an) (?:reminder|alarm)|jot down|note down)\b/,
  ],
  [
    'create_task',
    5,
    /^(?:please )?todo\b|\bput\b.*\bon (?:my|the) (?:list|tasks)\b|\bto (?:my|the) (?:list|tasks)\b/,
  ],
  ['create_task', 4, /^(?:schedule|book) (?:a|an|the|my)\b/],
  [
    'create_task',
    3,
    /^(?:(?:ugh|ok|so|hey|hmm|oh|argh)[,!.]? )?(?:i (?:really )?(?:need|have|got|gotta|must) to|i've got to|got to|i should|need to|must)\b/,
  ],
  // list
  ['list_tasks', 5, /\b(?:show|list|see|view|display)\b.*\b(?:tasks?|list|stuff|everything|things|agenda)\b/],
  [
    'list_tasks',
    4,
    /\bwhat(?:'s| is| are)?\b.*\b(?:on (?:my|the) (?:list|plate|agenda)|the agenda|due|left|pending|overdue|my (?:open )?tasks|open tasks)\b/,
  ],
  ['list_tasks', 4, /\b(?:do i have|have i got|what do i have)\b/],
  ['list_tasks', 5, /\banything (?:overdue|due|left|pending)\b/],
  ['list_tasks', 5, /^(?:my|all my|show) (?:tasks|list)\b/],
  ['list_tasks', 4, /\bwhat (?:did i say i'd|am i supposed to|do i (?:need|have) to) do\b/],
  ['list_tasks', 6, /\bwhat'?s on (?:for )?(?:today|tomorrow|tonight|this week)\b/],
  ['list_tasks', 6, /^(?:my |the |show )?(?:todo|to-do|task) list\b/],
  ['list_tasks', 8, /\bdid i (?:forget|miss) anything\b/],
  ['list_tasks', 5, /\bany (?:tasks?|todos?|things?)\b(?:.*\b(?:left|due|today|tomorrow|open|pending)\b)?/],
  // complete
  [
    'complete_task',
    6,
    /\b(?:done with|finished|completed|check(?:ed)? off|tick(?:ed)? off|cross(?:ed)? (?:it |that )?off)\b/,
  ],
  ['complete_task', 6, /\bmark(?:ed)?\b.*\b(?:done|complete|completed|finished)\b/],
  ['complete_task', 6, /[✅✔☑]|\bi did it\b|\b(?:that one's|that one is|that's|it's|all) done\b/],
  [
    'complete_task',
    4,
    /^(?:just |finally |i )?(?:paid|sent|submitted|called|cleaned|washed|bought|returned|booked|emailed|texted|did|filed|mailed|cooked|folded|replied to|responded to|answered|took|watered|fed|walked|vacuumed|emptied|renewed|ordered)\b/,
  ],
  ['complete_task', 6, /^(?:all )?done\b|'s done\b|\b(?:is|are) (?:done|finished|submitted|sent|paid)\b/],
  // snooze
  ['snooze', 8, /\bsnooze\b/],
  ['snooze', 6, /\bremind me (?:again|later)\b(?!.*\bto\s+[a-z]+)/],
  ['snooze', 6, /\b(?:ask|nudge|ping|remind|bug) me\b.*\b(?:again|in a bit|in a while|later)\b/],
  ['snooze', 6, /\b(?:ask|nudge|ping|remind) me (?:again |about it )?in\b(?!.*\bto\s+[a-z]+)/],
  ['snooze', 5, /\bnot now\b|^later\b|\blater (?:please|pls)\b/],
  ['snooze', 5, /^not (?:now|yet)\b|^(?:ok[,.]?\s+)?later[.!]*$/],
  ['snooze', 6, /\b\d+ more (?:minutes|hours?)\b|\b(?:a few|five|ten) more minutes\b/],
  [
    'snooze',
    6,
    /\b(?:push|delay|bump|hold off|put off|postpone)\b.*\b(?:\d+|an?|half an?|a couple of|a few)\s*(?:minutes|hours?|h|m)\b/,
  ],
  // reschedule
  [
    'reschedule',
    5,
    /\b(?:reschedule|postpone|move|push|bump|shift|put off|change the (?:due )?date|defer)\b/,
  ],
  ['reschedule', 5, /\binstead\b/],
  // "make take vitamins repeat every day", "stop repeating water the ferns": a change to a task's repeat
  [
    'reschedule',
    9,
    /\b(?:stop|quit|no longer|no more) repeating\b|^(?:please )?(?:make|set|have) .+ (?:repeat|recur)\b/,
  ],
  ['reschedule', 6, /\bchange\b.*\b(?:deadline|due date|due time|date|time)\b/],
  // mood
  ['log_mood', 4, /\b(?:feel|feeling|felt|mood|energy)\b/],
  [
    'log_mood',
    5,
    new RegExp(`^${interjection}(?:i'm|i am|i feel|feeling)\\s+(?:${intensifiers}\\s+)*(?:${moodWords})\\b`),
  ],
  [
    'log_mood',
    5,
    /^(?:(?:ugh|ok|so|hey|hmm|oh|honestly)[,!.]?\s+)?(?:i'm |i am )?doing (?:ok|okay|fine|good|great|well|badly|bad|alright|terrible|awful|amazing)\b/,
  ],
  [
    'log_mood',
    5,
    /\b(?:today|tonight|this morning|everything|life|work|my day)\s+(?:\w+\s+){0,2}(?:sucks|sucked|is (?:awful|rough|hard|great|good|bad|terrible)|was (?:awful|rough|hard|great|good|bad|terrible))\b/,
  ],
  [
    'log_mood',
    5,
    new RegExp(`^(?:${intensifiers}\\s+)*(?:${moodWords.replace('|okay|ok|fine|alright', '')})\\b`),
  ],
  ['log_mood', 5, new RegExp(`^${intensifiers}\\s+(?:${intensifiers}\\s+)*(?:okay|ok|fine|alright)\\b`)],
  [
    'log_mood',
    4,
    /\b(?:rough|awful|terrible|great|good|bad|hard|long|tough|shitty|crappy|amazing) day\b|\btoday (?:was|is|has been)\b.*\b(?:awful|terrible|great|good|bad|rough|hard|amazing|meh|long)\b/,
  ],
  ['log_mood', 5, /^[\s\p{Extended_Pictographic}\uFE0F]+$/u],
  // break down
  ['break_down', 7, /\b(?:break|split|chunk)\b.*\b(?:down|up|into|steps?|pieces|parts|chunks|for me)\b/],
  [
    'break_down',
    6,
    /\b(?:smaller|tiny|small|baby|first|next) steps?\b|^steps (?:for|to)\b|\bsteps (?:for|to) [a-z]/,
  ],
  ['break_down', 6, /\bmake\b.*\bsmaller\b/],
  [
    'break_down',
    6,
    /\b(?:where|how) (?:do|should|can) i (?:even )?(?:start|begin)\b|\b(?:don't|do not) know (?:how|where) to (?:start|begin)\b/,
  ],
  ['break_down', 6, /\bhelp me (?:start|get started|begin)\b/],
  ['break_down', 5, /\b(?:too big|too much to|way too|overwhelming|so big|huge)\b/],
  // motivate
  [
    'motivate',
    7,
    /\b(?:motivat\w*|pep talk|encourag\w*|hype me|cheer me|inspire me|say something nice|give me a (?:push|boost|kick))\b/,
  ],
  ['motivate', 6, /\b(?:can't|cannot|can not) (?:get|make) (?:myself|me) (?:to )?(?:do|start|get)\b/],
  ['motivate', 6, /\b(?:don't|do not) (?:want to|feel like) do(?:ing)? (?:anything|it|this|that)\b/],
  ['motivate', 5, /\bputting (?:it |this |that )?off\b|\bfeel(?:ing)? stuck\b|\bprocrastinat\w*/],
  ['motivate', 6, /\bhelp me get (?:going|moving)\b|\bdreading\b|\bno motivation\b/],
  [
    'motivate',
    7,
    /\btell me (?:i can|i'll be|it's (?:ok|okay|going to be))\b|\bi can't do this\b|\bi need (?:a |some )?(?:boost|push|encouragement)\b/,
  ],
  // points and rewards
  // "at some point" is not a question about points
  ['points', 6, /\b(?:points|balance|score|streak|level)\b|\bmy point\b/],
  ['redeem', 8, /\b(?:redeem|cash in|claim (?:my |a |the )?reward|spend\b.*\bpoints|use (?:my )?points)\b/],
  ['redeem', 7, /\b(?:get|claim|use|have|take)\b.*\breward\b/],
  // memory
  [
    'remember',
    6,
    /\b(?:remember|note that|keep in mind|fyi|for future reference|save this|don't forget that)\b/,
  ],
  ['forget', 7, /\bforget\b/],
  ['forget', 8, /\b(?:don't|do not|stop) remember(?:ing)?\b/],
  [
    'forget',
    8,
    /\b(?:delete|erase|remove|clear|wipe)\b.*\b(?:note|memory|memories|what you (?:know|remember)|what i said|the thing about|info)\b/,
  ],
  ['remember', 7, /^note\s*:\s*(?:i|i'm|my|i've|i am)\b/],
  ['remember', 6, /\b(?:please )?note (?:that )?(?:i|i'm|my|i've|i am)\b/],
  // help
  ['help', 6, /^(?:help|\?|hi|hello|hey|yo|hiya|start|menu|commands?)[!.?]*$/],
  [
    'help',
    6,
    /\bwhat can you (?:do|help)\b|\bhow does (?:this|it) work\b|\bwhat (?:commands|can i say|do i say)\b|\bhelp with\b|\bi'm new\b|\bhow do i use\b/,
  ],
  ['help', 6, /\bwhat can i (?:ask|say|type)\b|\bwho are you\b|\bwhat are you\b/],
  ['help', 6, /\bwhat do you do\b|^help(?: me)?(?: please| pls| out)?[!.?]*$/],
  ['help', 7, /^(?:good (?:morning|afternoon|evening)|morning|hi there|hey there|hello there)[!.]*$/],
  // planning
  ['plan_day', 7, /\bplan\b.*\b(?:day|today|tomorrow|morning|afternoon|evening|week)\b/],
  ['plan_day', 7, /\b(?:schedule|structure|organi[sz]e|map out)\b.*\bmy (?:day|morning|afternoon|evening)\b/],
  [
    'plan_day',
    7,
    /\b(?:make|build|give|create) me a (?:\w+ )?(?:schedule|plan)\b|\b(?:what's|what is) (?:the|my) plan\b/,
  ],
  [
    'plan_day',
    7,
    /\bwhat should (?:my|the) (?:day|morning|afternoon|evening|tomorrow) look like\b|\bhow should (?:my|the) day go\b/,
  ],
  ['what_now', 7, /\bwhat (?:now|next)\b|\bwhat's next\b|\bnext task\b/],
  ['what_now', 7, /\bnext thing\b|\bwhat to do (?:next|now)\b/],
  ['what_now', 6, /\bwhat can i (?:knock out|get done|do|finish|tackle)\b/],
  [
    'what_now',
    6,
    /\b(?:free time|spare time|some time|a few minutes|minutes free|an hour free)\b.*\b(?:suggest\w*|ideas?|what)\b|\bsuggestions?\b/,
  ],
  [
    'what_now',
    6,
    /\bwhat should i (?:do|work on|tackle|start|pick|focus on)\b|\bwhat do i (?:tackle|work on|do now)\b|\bshould i do (?:right )?now\b|\bthe one thing\b/,
  ],
  [
    'what_now',
    6,
    /\b(?:pick|choose) (?:something|one|a task|for me)\b|\bgive me (?:a task|something to do)\b|\bi can't decide\b/,
  ],
];

rules.push(...conversationRules, ...emailRules);

export type IntentScore = { intent: Intent; score: number };

/** Every intent whose rules match, best first. */
export const scoreIntents = (lower: string): IntentScore[] => {
  const best = new Map<Intent, number>();
  for (const [intent, weight, pattern] of rules) {
    if (weight > (best.get(intent) ?? 0) && pattern.test(lower)) best.set(intent, weight);
  }
  return [...best.entries()].map(([intent, score]) => ({ intent, score })).sort((a, b) => b.score - a.score);
};
