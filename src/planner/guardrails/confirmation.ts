import { createHash, randomBytes } from 'node:crypto';
import type { ReplyPart } from '../conversation-types.js';
import type { PendingConfirmation, PlannedCall } from '../graph/state.js';

const YES =
  /^(?:y|yes|yeah|yep|yup|sure|ok|okay|confirm|do it|go ahead|please do|yes please|absolutely)[.!]*$/i;
const NO = /^(?:n|no|nope|nah|cancel|stop|don't|do not|never ?mind|no thanks|keep it)[.!]*$/i;

/** How a text answers a pending question: yes, no, or something else (a new request). */
export const answerTo = (text: string): 'yes' | 'no' | null => {
  const trimmed = text.trim();
  if (YES.test(trimmed)) return 'yes';
  if (NO.test(trimmed)) return 'no';
  return null;
};

const describe = (call: PlannedCall, title: string | null): string => {
  const what = title ? `“${title}”` : null;
  if (call.ask) return call.ask;
  switch (call.name) {
    case 'delete_task':
      return `Delete ${what ?? 'this task'}?`;
    case 'forget':
      return `Forget ${what ?? 'this'} for good?`;
    case 'redeem_reward':
      return `Spend points on ${what ?? 'this reward'}?`;
    case 'fresh_start':
      return call.args.action === 'archive'
        ? 'Set all the overdue tasks aside?'
        : 'Spread the overdue tasks over the coming days?';
    case 'update_reward':
      return call.args.status === 'archived'
        ? `Remove ${what ?? 'this reward'} from your store?`
        : `Change ${what ?? 'this reward'}?`;
    default:
      return `Go ahead with ${call.name.replace(/__/g, ': ').replace(/_/g, ' ')}?`;
  }
};

/**
 * Email steps the person typed themselves need no extra yes: a code is only mailed (rate-limited) and an address is
 * used only once its code comes back, so nothing is lost either way. Removing an address still asks.
 */
const EMAIL_STEP_KEYS = new Set(['email', 'emailCode']);
export const isEmailStep = (call: Pick<PlannedCall, 'name' | 'args'>): boolean => {
  const keys = Object.keys(call.args);
  return (
    call.name === 'update_profile' &&
    keys.length > 0 &&
    keys.every((k) => EMAIL_STEP_KEYS.has(k) || (k === 'preferredChannel' && call.args[k] === 'email')) &&
    call.args.email !== null
  );
};

/** Our tools that remove, spend or change things in bulk: a yes first, whatever their annotations say. */
const ALWAYS_ASK = new Set(['delete_task', 'forget', 'redeem_reward', 'fresh_start']);
/** Our tools whose changes touch one thing and are undone by saying so again (moving, renaming, reordering). */
const PLAIN_EDITS = new Set(['update_task', 'reorder_subtasks', 'end_focus_session']);

/**
 * Whether one of our tools needs the person's yes in conversation: only destructive or bulk changes (issue 15).
 * Rescheduling or renaming a task is not destructive, so asking would only add a step.
 */
export const needsYes = (name: string, destructiveHint: boolean): boolean =>
  ALWAYS_ASK.has(name) || (destructiveHint && !PLAIN_EDITS.has(name));

/** Parks a call that needs the person's yes, with a one-time token the buttons carry. */
export const askToConfirm = (
  call: PlannedCall,
  title: string | null,
  now: Date,
): { pending: PendingConfirmation; part: ReplyPart } => {
  const token = createHash('sha256').update(randomBytes(16)).digest('base64url').slice(0, 24);
  const prompt = describe(call, title);
  return {
    pending: { token, call: { ...call, confirmed: true }, prompt, createdAt: now.toISOString() },
    part: {
      type: 'choices',
      prompt,
      choices: [
        { label: 'Yes', action: { type: 'confirm', token } },
        { label: 'No', action: { type: 'cancel', token } },
      ],
    },
  };
};

/** A question older than this is stale: "yes" an hour later should not delete anything. */
export const CONFIRMATION_TTL_MS = 30 * 60_000;
