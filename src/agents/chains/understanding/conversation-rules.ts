import type { Rule } from './intent-schema.js';

// What people say that is not a single command (issue 15): feelings and self-criticism, chatter, looking back on
// the day, changing or removing a task, focus blocks, questions about what is remembered, the reward store. Their
// weights sit above the generic command rules they overlap with ("I have a lot to do" must not become a task).

const selfCriticism =
  /\bi(?:'m| am) (?:\w+ ){0,2}(?:useless|worthless|a failure|such a failure|hopeless|bad at|pathetic|stupid|an idiot|a mess|a disaster|so lazy|lazy|broken|the worst|a joke)\b/;
const failing =
  /\bi (?:\w+ )?(?:failed|fail|messed (?:it |everything |this )?up|screwed (?:it |everything |this )?up|ruined (?:it|everything)|can't do anything right|never get anything done|never finish anything|suck at everything)\b|\bfailing at (?:everything|life|this)\b/;
const overwhelm =
  /\b(?:a lot (?:to do|on my plate|going on)|so much (?:to do|on my plate|going on)|too much (?:to do|on my plate|going on)|drowning|behind on everything|so behind|can't cope|cannot cope|can't keep up|can't handle (?:it|this|everything|all (?:of )?this)|everything at once|piling up|freaking out|falling apart|spiral(?:l)?ing)\b/;

const paralysis =
  /\b(?:task|executive|adhd|decision) paralysis\b|\bparaly[sz]ed\b|\bfrozen\b|\bstaring at (?:my|the) (?:list|screen|tasks|to-?do list)\b|\bcan't (?:get (?:myself )?to )?start anything\b/;
const fog =
  /\bbrain fog\b|\bfoggy\b|\bcan't (?:think|focus|concentrate)(?: straight| properly| at all)?\b|\bmy (?:brain|head) (?:is|feels) (?:fried|mush|scrambled|all over the place|foggy)\b|\bbrain(?: is)? (?:fried|mush)\b/;

export const conversationRules: Rule[] = [
  // feelings that need warmth first: self-criticism, overwhelm
  ['vent', 8, selfCriticism],
  ['vent', 8, failing],
  [
    'vent',
    8,
    /\bi hate myself\b|\bwhat'?s wrong with me\b|\bwhy am i (?:like this|so \w+)\b|\bwhy (?:can't|do) i (?:\w+ )?never\b|\bi give up\b/,
  ],
  ['vent', 7, overwhelm],
  // frozen in front of the list: warmth and one small step, never a task called "task paralysis"
  ['vent', 8, paralysis],
  // a foggy or scattered head is a feeling, not something to do
  ['vent', 7, fog],
  // chatter: thanks, good night, small talk; low weights so any request in the same message wins
  [
    'chat',
    7,
    /^(?:(?:ok(?:ay)?|thanks|thank you|cheers|alright|right|well)[\s,!.]+)*(?:good ?night|night night|nighty night|gn|bye(?: bye)?|heading to bed|going to (?:bed|sleep)|goodbye|see (?:you|ya)(?: later| tomorrow| soon)?|ttyl|talk (?:to you )?(?:later|tomorrow|soon)|i'?m (?:off|going) to (?:bed|sleep)|off to bed|signing off)\b[^?]{0,30}$/,
  ],
  [
    'chat',
    3,
    /^(?:ok(?:ay)?[\s,!.]+)?(?:thanks|thank you|thank u|cheers|much appreciated|appreciate (?:it|you))\b/,
  ],
  [
    'chat',
    3,
    /^(?:ok(?:ay)?|k|kk|cool|nice|sweet|perfect|lol|ha(?:ha)+|lmao|got it|sounds good|will do|yay|woo+)(?:[\s,!.]+(?:ok(?:ay)?|cool|nice|thanks|thank you|lol|ha(?:ha)+|got it|sounds good))*[\s!.]*$/,
  ],
  [
    'chat',
    6,
    /^(?:hey |hi |so )?how (?:are|r) (?:you|u)(?: doing| today)?\b|^(?:hey |hi |so )?how(?:'s| is) it going\b|^(?:good job|well done|you'?re (?:great|awesome|the best|amazing)|love (?:you|this))\b/,
  ],
  ['chat', 3, /^(?:sorry|my bad|oops)\b/],
  ['chat', 3, /\b(?:thanks|thank you)(?: so much| a lot)?[\s!.]*$/],
  // body needs forgotten in hyperfocus: a warm nudge to look after themselves, never a task
  [
    'chat',
    8,
    /\bhyperfocus\w*\b|\bforgot (?:to|about) (?:eat|drink|have (?:lunch|breakfast|dinner)|lunch|breakfast|dinner|sleep|pee|take a break)\b/,
  ],
  // a bare "night!" only: "night shift friday" is something to do
  ['chat', 7, /^(?:ok(?:ay)?[\s,!.]+)?(?:night|nite)[\s!.]*$/],
  // looking back on today
  [
    'review_day',
    8,
    /\bhow did i do\b|\bhow (?:did|was) (?:my )?(?:day|today)\b|\brecap (?:of )?(?:my |the )?day\b|\bwhat i (?:finished|did|got done|completed) today\b|\bwhat did i (?:get done|do|finish|accomplish|achieve)(?: today)?\b/,
  ],
  // changing tasks
  [
    'delete_task',
    7,
    /^(?:please |can you |could you )?(?:delete|remove|trash|bin|scrap|erase|get rid of)\s+\S/,
  ],
  [
    'delete_task',
    7,
    /^(?:please )?take\s.*\soff (?:my|the) (?:list|tasks|todo list)\b|\b(?:delete|remove) (?:it|that|this)\b/,
  ],
  ['rename_task', 8, /\brename\b|\bchange (?:the )?(?:name|title)\b|^call it\s/],
  [
    'reopen_task',
    8,
    /\b(?:reopen|re-open|unmark|uncomplete|un-complete)\b|\bmark\b.*\b(?:undone|not done|as todo|as open)\b|\b(?:isn't|aren't|wasn't|weren't|is not|are not|was not) (?:actually )?done\b|\bundo\b.*\bdone\b/,
  ],
  // the end of a focus block ("done with the focus block"; the words a block's "Done" button says)
  [
    'end_focus',
    9,
    /\b(?:finished|done with|completed?|ended|wrapped up)(?: \w+){0,2} (?:focus|pomodoro|body[- ]?double) ?(?:block|session|sprint|round|timer)?\b|\b(?:focus|pomodoro) (?:block|session|sprint|round) (?:is |was )?(?:done|over|finished|complete)\b/,
  ],
  // focus blocks, a body double, and "let's do 45 minutes on …"
  ['focus', 8, /\b(?:sit|stay|work|hang) (?:out )?with me\b|\bbody[- ]?doubl\w*/],
  [
    'focus',
    8,
    /^(?:ok(?:ay)?[\s,]+)?(?:let's|lets|let me|i'll|i will|i'm going to|gonna|i want to) (?:do|work|spend|put in|give it) (?:\d+|an?|half an?) ?(?:min(?:ute)?s?|hours?)\b/,
  ],
  [
    'focus',
    8,
    /\bfocus (?:session|block|sprint|timer)\b|\bpomodoro\b|\bfocus (?:time )?for (?:\d+|an?|half)\b|\btimer for \d+/,
  ],
  // questions about what is remembered
  [
    'recall',
    9,
    /\bwhat do you (?:remember|know) about me\b|\bwhat have you (?:remembered|saved|noted|learned)\b|\b(?:show|list) (?:me )?(?:my |your )?memories\b/,
  ],
  [
    'recall',
    8,
    /\b(?:when|how|where) do i (?:work|focus|think|study) (?:best|better|well)\b|\bwhat (?:helps|works for) me\b|\bdo you remember\b|\bwhat did i (?:tell|say to) you about\b|\bam i (?:most|more) (?:productive|focused|creative)\b/,
  ],
  [
    'mood_patterns',
    8,
    /\bhow(?: have| has| is|'s) (?:i|my mood|my energy) been\b|\bhave i been (?:feeling|doing)\b|\bhow(?:'ve| have) i been (?:feeling|doing)\b|\bhow (?:am|was) i feeling (?:lately|recently|this week|this month)\b|\bmood (?:patterns?|trends?|history)\b|\bmy (?:moods?|energy) (?:lately|recently|this week|this month)\b/,
  ],
  // the reward store
  [
    'rewards',
    9,
    /\b(?:what|which|show|list|see|view|any)\b.*\brewards\b|\breward (?:store|shop|list)\b|\bwhat can i (?:get|buy|redeem|spend (?:my )?points on)\b/,
  ],
  // a short "what now" with time or energy as the constraint
  [
    'what_now',
    8,
    /\b(?:something|anything) (?:quick|easy|small|short|light|simple|low[- ]energy|low[- ]effort)\b|\bquick win\b|\b(?:what's|what is|give me|any|suggest) (?:a |an |some )?(?:light|easy|quick|small|short|simple) (?:task|one|thing)s?\b/,
  ],
  // "just tell me one thing to do": pick one of their tasks
  [
    'what_now',
    8,
    /\btell me (?:one|1|a|the|what) (?:thing|task)\b|\bjust (?:one|1) thing\b|\bpick (?:one|something) for me\b/,
  ],
  [
    'what_now',
    7,
    /\bi (?:only )?(?:have|'ve got|got) (?:like |about |just )?(?:\d+|a few|a couple of|an?|half an?) ?(?:minutes|hours?)\b(?!.*\bto\s+[a-z]+)/,
  ],
];
