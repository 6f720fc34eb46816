import {
  createApiToken,
  createCalendarFeed,
  linkCodeInText,
  linkedMessage,
  linkWithCode,
  listApiTokens,
  revokeApiToken,
  revokeCalendarFeed,
  type ApiTokenDeps,
  type CalendarFeedDeps,
  type LinkDeps,
} from '../../domain/index.js';
import { calendarRequestIn, tokenRequestIn, type TokenRequest } from '../../agents/index.js';
import { toAppError } from '../../shared/index.js';
import { reissueWebSession, type WebSession, type WebSessionDeps } from './start-web-session.js';
import { sseData, type UiChunk } from './ui-message-stream.js';
import type { WidgetClaims } from './widget-tokens.js';

/** A reply made at the edge, never given to the planner: it is not stored in any transcript or checkpoint. */
export type CommandReply = { text: string; data?: { name: string; value: unknown } };

export type ChatCommandDeps = Pick<WebSessionDeps, 'secret' | 'clock' | 'operatorMaxAgeSeconds'> & {
  account?: LinkDeps | undefined;
  tokens: ApiTokenDeps;
  /** Where MCP clients connect (`${origin}/mcp`), for the how-to shown with a new token. */
  mcpUrl: string;
  calendar: CalendarFeedDeps;
  /** The subscribable address of a calendar feed secret (`${origin}/calendar/SECRET.ics`). */
  calendarUrl: (secret: string) => string;
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
  const request = tokenRequestIn(text);
  if (request) {
    try {
      return { text: await answerTokenRequest(deps, claims.uid, request) };
    } catch (error) {
      return { text: toAppError(error).userMessage };
    }
  }
  const calendar = calendarRequestIn(text);
  if (calendar) {
    try {
      return { text: await answerCalendarRequest(deps, claims.uid, calendar === 'create_calendar_link') };
    } catch (error) {
      return { text: toAppError(error).userMessage };
    }
  }
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

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Makes, lists or revokes the person's own API tokens; a new token's secret appears in this reply only. */
const answerTokenRequest = async (
  deps: ChatCommandDeps,
  userId: string,
  request: TokenRequest,
): Promise<string> => {
  const actor = { userId, via: 'chat' as const };
  if (request.kind === 'create_token') {
    const { token, info } = await createApiToken(deps.tokens, actor, { name: request.name });
    return (
      `Here is your token "${info.name}". I'm showing it once and not keeping it, so copy it now:\n\n${token}\n\n` +
      `To connect Claude, Cursor or another MCP app: add the MCP server ${deps.mcpUrl} with the header ` +
      `"Authorization: Bearer <your token>". Say "revoke the ${info.name} token" any time to switch it off.`
    );
  }
  const active = (await listApiTokens(deps.tokens, userId)).filter(
    (t) => !t.revokedAt && (!t.expiresAt || new Date(t.expiresAt) > deps.clock.now()),
  );
  if (request.kind === 'list_tokens')
    return active.length === 0
      ? 'You have no API tokens. Say "give me a token for Claude" to make one.'
      : `Your API tokens: ${active.map((t) => `"${t.name}" (starts ${t.prefix}…, made ${t.createdAt.slice(0, 10)})`).join('; ')}.`;
  const matches = request.name ? active.filter((t) => sameName(t.name, request.name)) : active;
  if (matches.length !== 1)
    return active.length === 0
      ? 'You have no active API tokens, so there is nothing to revoke.'
      : `Which one? Say "revoke the NAME token" with one of: ${active.map((t) => `"${t.name}"`).join(', ')}.`;
  const revoked = await revokeApiToken(deps.tokens, actor, { id: matches[0]!.id });
  return `Done: the "${revoked.name}" token is revoked and stops working now.`;
};

/** Makes (or remakes) the person's private calendar link and shows it once, or turns it off. */
const answerCalendarRequest = async (
  deps: ChatCommandDeps,
  userId: string,
  create: boolean,
): Promise<string> => {
  const actor = { userId, via: 'chat' as const };
  if (!create)
    return (await revokeCalendarFeed(deps.calendar, actor))
      ? 'Done: your calendar link is turned off, so subscribed calendars stop getting your tasks.'
      : 'You have no calendar link, so there is nothing to turn off.';
  const { secret } = await createCalendarFeed(deps.calendar, actor);
  return (
    `Here is your private calendar link (I'm not keeping it, so copy it now):\n\n${deps.calendarUrl(secret)}\n\n` +
    'It shows your tasks with a due date and your focus blocks. Google Calendar: Other calendars, +, From URL. ' +
    'Apple Calendar: File, New Calendar Subscription. Outlook: Add calendar, Subscribe from web. Anyone with the ' +
    'link can see those tasks, so keep it to yourself; asking again makes a new link and the old one stops ' +
    'working. Say "turn off my calendar link" to stop it.'
  );
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
