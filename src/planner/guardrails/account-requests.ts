import { calendarRequestIn, tokenRequestIn } from '../../agents/index.js';
import { linkCodeInText } from '../../domain/index.js';

// API tokens and link codes are secrets. Channels answer them at the edge (web chat makes and shows tokens there,
// SMS and Slack refuse; decision 0014), so a conversation the planner stores never holds one. A request that
// still reaches the planner (another client of `converse`) is explained, never turned into a task, never acted on.

export const TOKENS_ELSEWHERE =
  'I make API tokens only in the web chat, where I can show one without keeping it: open the chat on the ' +
  'website and say "give me a token for Claude". You can also make one with POST /api/v1/me/tokens.';

export const LINK_ELSEWHERE =
  'To join two accounts, send "link CODE" in the web chat, by text or in Slack (from the account that should ' +
  'join), with a code made in the other account (POST /api/v1/me/link-codes). Codes work once, for 10 minutes.';

export const CALENDAR_ELSEWHERE =
  'I make calendar links only in the web chat, where I can show one without keeping it: open the chat on the ' +
  'website and say "add my tasks to my calendar". You can also make one with POST /api/v1/me/calendar-feed.';

/** The answer to a token, link or calendar link request in a message, or null for everything else. */
export const accountRequestNote = (text: string): string | null => {
  if (tokenRequestIn(text)) return TOKENS_ELSEWHERE;
  if (linkCodeInText(text)) return LINK_ELSEWHERE;
  if (calendarRequestIn(text)) return CALENDAR_ELSEWHERE;
  return null;
};
