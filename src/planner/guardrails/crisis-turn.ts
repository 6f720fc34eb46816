import type { AuditLog } from '../../domain/index.js';
import type { Logger } from '../../shared/index.js';
import type { IncomingMessage } from '../conversation-types.js';
import type { TurnInput } from '../graph/state.js';
import { crisisLinesFor, crisisReplyText, type CrisisResources } from './crisis-resources.js';
import { crisisSignalIn, type CrisisSignal } from './crisis.js';

/** The person's own words in a message (a typed message or a proof's caption); buttons have none. */
export const wordsOf = (message: IncomingMessage): string =>
  'text' in message ? message.text : 'proof' in message ? (message.proof.text ?? '') : '';

/** The crisis signal in a turn's message, if any. */
export const crisisIn = (message: IncomingMessage): CrisisSignal | null => {
  const words = wordsOf(message);
  return words ? crisisSignalIn(words) : null;
};

export type CrisisTurnDeps = { audit: AuditLog; logger: Logger; resources: CrisisResources };

/**
 * The reply to a crisis message, after recording that it was shown. The audit entry names the kind of statement,
 * the region of the lines and the message id, never the words (they stay only in the person's own chat history).
 * A failed audit write is logged; the person still gets the lines.
 */
export const answerCrisis = async (
  deps: CrisisTurnDeps,
  turn: TurnInput,
  signal: CrisisSignal,
  timezone: string,
): Promise<string> => {
  const { region, lines } = crisisLinesFor(deps.resources, timezone);
  try {
    await deps.audit.record(
      { userId: turn.userId, via: 'chat' },
      'crisis_support_shown',
      'conversation',
      `${turn.channel}:${turn.threadId}`,
      { signal, region, channel: turn.channel, messageId: turn.messageId },
    );
  } catch (error) {
    deps.logger.error({ err: (error as Error).message }, 'planner: could not audit a crisis reply');
  }
  return crisisReplyText(lines, turn.channel);
};
