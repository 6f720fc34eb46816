import { tokenRequestIn } from '../../agents/index.js';
import type { LinkDeps } from '../../domain/index.js';
import type { EnqueueSlackTurn, SeenKeys } from './slack-dispatch.js';
import { linkCodeIn, linkSlackUser } from './slack-identity.js';
import { proofMessageFrom, type ProofIntakeDeps } from './proof-intake.js';
import type { SlackMessage } from './slack-message.js';

const NO_TOKENS_IN_SLACK =
  "For your safety I don't post API tokens in Slack. Open the web chat and say: give me a token for Claude";

const MENTION = /<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g;

export type MessageTurnDeps = ProofIntakeDeps & {
  /** "link CODE": the one linking use case every channel shares (domain/account). */
  account: LinkDeps;
  seen: SeenKeys;
  enqueue: EnqueueSlackTurn;
};

/** Answers what must not become a turn (a token request, a link code) here, in a message only the sender sees. */
const answeredInSlack = async (deps: MessageTurnDeps, m: SlackMessage, text: string): Promise<boolean> => {
  if (tokenRequestIn(text)) {
    // Slack keeps every message in the workspace's history: a token would stay readable there.
    const client = await deps.clients.forTeam(m.teamId);
    await client.chat.postEphemeral({ channel: m.channel, user: m.user, text: NO_TOKENS_IN_SLACK });
    return true;
  }
  const code = linkCodeIn(text);
  if (code) {
    const answer = await linkSlackUser(deps.account, { teamId: m.teamId, slackUserId: m.user }, code);
    const client = await deps.clients.forTeam(m.teamId);
    await client.chat.postEphemeral({ channel: m.channel, user: m.user, text: answer });
    return true;
  }
  return false;
};

/** A message for us, once: answered here, or queued as a turn (with its photo as proof) in its DM or thread. */
export const handleSlackMessage = async (deps: MessageTurnDeps, m: SlackMessage): Promise<void> => {
  // app_mention and message.channels carry the same message under two event ids: channel + ts is the one key.
  const messageKey = `${m.teamId}:${m.channel}:${m.ts}`;
  if (m.eventId && !(await deps.seen.firstTime(`evt:${m.eventId}`))) return;
  if (!(await deps.seen.firstTime(`msg:${messageKey}`))) return;
  try {
    const text = m.text.replace(MENTION, '').trim();
    if (await answeredInSlack(deps, m, text)) return;
    const proof =
      m.isDm && m.files.length > 0 ? await proofMessageFrom(deps, m, text.slice(0, 4_000)) : undefined;
    if (proof === null || (!proof && !text)) return;
    const threadTs = m.isDm ? m.threadTs : (m.threadTs ?? m.ts);
    await deps.enqueue({
      teamId: m.teamId,
      slackUserId: m.user,
      threadId: threadTs ? `${m.channel}:${threadTs}` : m.channel,
      messageId: messageKey,
      message: proof ?? { text: text.slice(0, 4_000) },
      replyTo: {
        team: m.teamId,
        channel: m.channel,
        user: m.user,
        mode: m.isDm ? 'dm' : 'thread',
        threadTs: threadTs ?? '',
      },
    });
  } catch (error) {
    // Nothing was queued: let Slack's retry try again.
    await deps.seen.forget(`msg:${messageKey}`);
    if (m.eventId) await deps.seen.forget(`evt:${m.eventId}`);
    throw error;
  }
};
