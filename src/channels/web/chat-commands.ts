import { linkCodeInText, linkedMessage, linkWithCode, type LinkDeps } from '../../domain/account/index.js';
import { toAppError } from '../../shared/errors.js';
import { reissueWebSession, type WebSession, type WebSessionDeps } from './start-web-session.js';
import { sseData, type UiChunk } from './ui-message-stream.js';
import type { WidgetClaims } from './widget-tokens.js';

/** A reply made at the edge, never given to the planner: it is not stored in any transcript or checkpoint. */
export type CommandReply = { text: string; data?: { name: string; value: unknown } };

export type ChatCommandDeps = Pick<WebSessionDeps, 'secret' | 'clock' | 'operatorMaxAgeSeconds'> & {
  account?: LinkDeps | undefined;
  /** Called after this browser's account changed, so per-process caches stop trusting the old claims. */
  onRelinked?: (claims: WidgetClaims) => void;
};

/**
 * "link CODE" in web chat: the visitor (anonymous or signed in by the host site) and the code's owner become one
 * account. The reply carries a new widget token (`data-session`) for the merged account; the widget keeps it.
 */
export const answerChatCommand = async (
  deps: ChatCommandDeps,
  claims: WidgetClaims,
  text: string,
): Promise<CommandReply | null> => {
  const code = linkCodeInText(text);
  if (code === null || !deps.account) return null;
  try {
    const result = await linkWithCode(deps.account, { channel: 'web', address: claims.adr }, code);
    deps.onRelinked?.(claims);
    const session: WebSession = reissueWebSession(deps, claims, result.userId);
    return { text: linkedMessage(result), data: { name: 'session', value: session } };
  } catch (error) {
    return { text: toAppError(error).userMessage };
  }
};

/** The reply as a complete UI message stream (what `/chat/messages` streams for a planner turn). */
export const commandStream = (messageId: string, reply: CommandReply): string => {
  const id = `cmd_${messageId}`;
  const chunks: UiChunk[] = [
    { type: 'start', messageId: id },
    { type: 'text-start', id: `${id}-t0` },
    { type: 'text-delta', id: `${id}-t0`, delta: reply.text },
    { type: 'text-end', id: `${id}-t0` },
    ...(reply.data ? [{ type: `data-${reply.data.name}` as const, data: reply.data.value }] : []),
    { type: 'message-metadata', messageMetadata: { basicMode: false, notStored: true } },
    { type: 'finish' },
  ];
  return [...chunks.map(sseData), sseData('[DONE]')].join('');
};
