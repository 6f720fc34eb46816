// A small model sometimes answers "add buy milk" with "I added buy milk to your list." and calls no tool: the person
// is told something was done that was not. When the model's words claim a change it did not make, and the offline
// understanding reads the message as that kind of request, the turn makes the rules' calls, so the claim comes true
// (or the reply says what went wrong). A model that asks a question or just talks is left alone.
import type { Intent, Understanding } from '../../agents/index.js';

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

/**
 * True when the rules would back a claimed change for this message: the turn holds the model's first words back
 * until it knows whether they are a claim, so the person never reads "I recorded your mood" twice, with the wrong
 * energy and an ISO timestamp (the 1.5B local model's answer to "I'm feeling really tired today").
 */
export const mayBackClaim = (reading: Pick<Understanding, 'intent' | 'confidence'>): boolean =>
  ACTIONS.has(reading.intent) && reading.confidence >= MIN_CONFIDENCE;

/** True when a reply with no tool call claims a change the rules would make for this message. */
export const unbackedClaim = (
  modelText: string,
  reading: Pick<Understanding, 'intent' | 'confidence'>,
): boolean => mayBackClaim(reading) && claimsAChange(modelText);

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
