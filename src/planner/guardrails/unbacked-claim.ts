// A small model sometimes answers "add buy milk" with "I added buy milk to your list." and calls no tool: the person
// is told something was done that was not. When the model's words claim a change it did not make, and the offline
// understanding reads the message as that kind of request, the turn makes the rules' calls, so the claim comes true
// (or the reply says what went wrong). A model that asks a question or just talks is left alone.
import type { Intent, Understanding } from '../../agents/index.js';
import { titlesOf } from './grounded-title.js';

/** Requests whose change the rules can make on their own, none of them destructive. */
const ACTIONS = new Set<Intent>([
  'create_task',
  'complete_task',
  'snooze',
  'reschedule',
  'log_mood',
  'remember',
  'rename_task',
  'reopen_task',
  'focus',
  'end_focus',
]);

/** How sure the understanding must be: its score for a plain command ("add buy milk") and above. */
const MIN_CONFIDENCE = 0.6;

const DONE = String.raw`(?:created|added|made|put|set(?: up)?|scheduled|marked|completed|finished|ticked off|snoozed|moved|rescheduled|pushed|logged|noted|recorded|saved|remembered|started|stopped|ended|renamed|reopened|updated|changed)`;

/** Words that say a change was made: "I've added", "I have set", "has been created", "is now on your list". */
const CLAIMS = [
  new RegExp(String.raw`\bI(?:'ve|’ve| have)?\s+(?:just\s+|now\s+|also\s+)?${DONE}\b`, 'i'),
  new RegExp(String.raw`\b(?:has|have) been\s+(?:successfully\s+)?${DONE}\b`, 'i'),
  /\bis now (?:on your (?:list|tasks)|done|marked|snoozed|set)\b/i,
  /^\s*(?:done|added|noted|got it, added)\b[!.:]/i,
];

/** True when the model's words say it changed something. */
export const claimsAChange = (text: string): boolean => CLAIMS.some((pattern) => pattern.test(text));

type Reading = Pick<Understanding, 'intent' | 'confidence'> & {
  slots?: Pick<Understanding['slots'], 'tasks'>;
};

/**
 * Several new tasks, each with its own time ("dentist at 3 tomorrow and pick up kids at 5"): without "add" the
 * wording scores low, but the rules' split is sure enough to act on.
 */
const severalTimedTasks = (reading: Reading): boolean => {
  const tasks = reading.slots?.tasks ?? [];
  return reading.intent === 'create_task' && tasks.length >= 2 && tasks.every((task) => task.when !== null);
};

/**
 * True when the rules would back a claimed change for this message: the turn holds the model's first words back
 * until it knows whether they are a claim, so the person never reads "I recorded your mood" twice, with the wrong
 * energy and an ISO timestamp (the 1.5B local model's answer to "I'm feeling really tired today").
 */
export const mayBackClaim = (reading: Reading): boolean =>
  ACTIONS.has(reading.intent) && (reading.confidence >= MIN_CONFIDENCE || severalTimedTasks(reading));

/** True when a reply with no tool call claims a change the rules would make for this message. */
export const unbackedClaim = (modelText: string, reading: Reading): boolean =>
  mayBackClaim(reading) && claimsAChange(modelText);

const wordsOf = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * True when the model's words only repeat the person's request, with no question: the 1.5B local model answered
 * "snooze the call for 10 minutes" with "Snooze the call for 10 minutes (10 min)" and "don't let me forget the
 * dentist on friday" likewise, copying the shape of an earlier reply; nothing was snoozed or added.
 */
export const echoesRequest = (modelText: string, request: string): boolean => {
  const said = wordsOf(modelText);
  const asked = wordsOf(request);
  return !modelText.includes('?') && asked.split(' ').length >= 3 && said.includes(asked);
};

/**
 * True when the model answered a request the rules can carry out alone with words only, and no question: the 1.5B
 * local model answered "ok done with that" (after suggesting a task) with "Great! Let's move on to the next task.",
 * and "can we do the dentist call friday instead" with "Sure, let's do the dentist call on Friday at 10:00 AM.";
 * nothing was completed or moved. A feeling is left to the model's words: a kind answer that logs nothing is not a
 * broken promise.
 */
export const ignoresRequest = (modelText: string, reading: Reading): boolean =>
  mayBackClaim(reading) && reading.intent !== 'log_mood' && !modelText.includes('?');

type Call = { name: string; args: Record<string, unknown> };

/** How many tasks the calls add: one per title of a create_task or create_tasks call. */
const tasksAdded = (calls: Call[]): number =>
  calls.reduce((n, call) => n + titlesOf(call.name, call.args).length, 0);

/**
 * True when the model only added tasks for a message the rules read as another change they can make: the 1.5B local
 * model turned "push vacuum the stairs to tomorrow morning at 9" into a new task of that name, due at 5, and moved
 * nothing. A feeling ("mood is like a 2 today") or a thing to remember is no task either.
 */
export const addsInsteadOfChanging = (calls: Call[], reading: Reading): boolean =>
  mayBackClaim(reading) &&
  reading.intent !== 'create_task' &&
  calls.length > 0 &&
  tasksAdded(calls) > 0 &&
  calls.every((call) => call.name === 'create_task' || call.name === 'create_tasks');

/**
 * True when the model added fewer tasks than the message names: the 1.5B local model made "dentist at 3 tomorrow and
 * pick up kids at 5" one task, "Dentist appointment at 3 PM tomorrow", and the kids were forgotten.
 */
export const addsFewerTasks = (
  calls: Call[],
  reading: Pick<Understanding, 'intent' | 'confidence' | 'slots'>,
): boolean => {
  if (!mayBackClaim(reading) || reading.intent !== 'create_task') return false;
  const added = tasksAdded(calls);
  return added > 0 && added < reading.slots.tasks.length;
};
