/**
 * Requests about the account itself (API tokens, the calendar link), recognised before the planner: their answers
 * hold secrets, so
 * channels answer them at the edge and nothing of them reaches a transcript, a checkpoint or memory. "link CODE"
 * is parsed by the linking use case (domain/account) for the same reason.
 */
export type TokenRequest =
  { kind: 'create_token'; name: string } | { kind: 'list_tokens' } | { kind: 'revoke_token'; name: string };

const TOKEN = String.raw`(?:api |access |personal |mcp )?(?:token|key)s?`;
const CREATE = new RegExp(
  String.raw`^(?:please |can you |could you |can i (?:get|have) |i need |i want )?(?:give me |get me |make me |create |generate |make |new |send me |(?:an?|one|my) )+(?:an? |new )*${TOKEN}\b(?: for (?:my |the )?([\p{L}\p{N} ._-]{1,40}))?[.!?]*$`,
  'iu',
);
const CREATE_FOR = new RegExp(
  String.raw`^(?:please )?(?:connect|set up|hook up|link up) (?:to |with )?(claude|cursor|vs ?code|chatgpt|[\p{L}\p{N}._-]{2,30})(?: desktop| code)?[.!?]*$`,
  'iu',
);
const LIST = new RegExp(
  String.raw`^(?:please )?(?:list|show|see|what are)(?: me)?(?: all)? (?:my |the )?${TOKEN}[.!?]*$`,
  'iu',
);
const REVOKE = new RegExp(
  String.raw`^(?:please )?(?:revoke|delete|remove|cancel|disable|kill) (?:my |the )?(?:([\p{L}\p{N} ._-]{1,40}?) )?${TOKEN}(?: for (?:my |the )?([\p{L}\p{N} ._-]{1,40}))?[.!?]*$`,
  'iu',
);

const cleanName = (name: string | undefined) => name?.trim().replace(/\s+/g, ' ') ?? '';

/** A token request in a message, or null. Names keep the person's words ("Claude", "my laptop"). */
export const tokenRequestIn = (text: string): TokenRequest | null => {
  const t = text.trim().slice(0, 200);
  if (LIST.test(t)) return { kind: 'list_tokens' };
  const revoke = REVOKE.exec(t);
  if (revoke) return { kind: 'revoke_token', name: cleanName(revoke[1] ?? revoke[2]) };
  const create = CREATE.exec(t);
  if (create) return { kind: 'create_token', name: cleanName(create[1]) || 'chat' };
  const connect = CREATE_FOR.exec(t);
  if (connect && /token|claude|cursor|code|chatgpt/i.test(t))
    return { kind: 'create_token', name: cleanName(connect[1]) };
  return null;
};

/** The private calendar (ICS) link: made (again, which retires the old one) or turned off. */
export type CalendarRequest = 'create_calendar_link' | 'revoke_calendar_link';

const CALENDAR = String.raw`(?:calendar|ics|ical)(?: feed| link| url| subscription)?`;
const CALENDAR_APP = String.raw`(?:my |the )?(?:google |apple |outlook |phone'?s? |ios )?calendar(?: app)?`;
const CALENDAR_CREATE = new RegExp(
  String.raw`^(?:please |can you |could you |can i (?:get|have) |i (?:need|want) )?(?:(?:give me|get me|send me|make me|make|create|set up|show me|what'?s) )?(?:a |an |my |the )?(?:new |private )?${CALENDAR}[.!?]*$` +
    String.raw`|^(?:please |can you |could you |i want to |how do i )?(?:add|put|show|see|get|sync|subscribe to) (?:my |all my )?(?:tasks|to-?dos|due dates|focus blocks)(?: and (?:my )?focus blocks)? (?:in|into|on|to|with) ${CALENDAR_APP}[.!?]*$` +
    String.raw`|^(?:please |can you |could you |i want to )?(?:connect|sync|link) (?:to |with )?${CALENDAR_APP}[.!?]*$`,
  'iu',
);
const CALENDAR_REVOKE = new RegExp(
  String.raw`^(?:please |can you )?(?:turn off|stop|revoke|delete|remove|disable|kill|cancel) (?:my |the )?(?:private )?${CALENDAR}[.!?]*$`,
  'iu',
);

/** A calendar link request in a message, or null ("calendar" inside a task, "plan my calendar week", is not one). */
export const calendarRequestIn = (text: string): CalendarRequest | null => {
  const t = text.trim().slice(0, 200);
  if (CALENDAR_REVOKE.test(t)) return 'revoke_calendar_link';
  if (CALENDAR_CREATE.test(t)) return 'create_calendar_link';
  return null;
};
