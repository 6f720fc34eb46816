import type { App } from '@slack/bolt';
import { WHAT_NOW_ACTION } from './app-home.js';
import { ACTION_PREFIX, ButtonValueSchema } from './blocks.js';
import type { SlackClients } from './slack-clients.js';
import type { EnqueueSlackTurn, SeenKeys } from './slack-dispatch.js';
import type { ProofFocus } from './slack-proof.js';

// The slash command and the buttons (on cards and on App Home): each becomes one queued turn.

export type InteractionDeps = {
  clients: SlackClients;
  seen: SeenKeys;
  enqueue: EnqueueSlackTurn;
  /** A task's button makes it the one a photo in the DM proves. */
  focus: ProofFocus;
};

/** What `/focus ...` means to the planner. */
export const slashText = (text: string): string => {
  const t = text.trim();
  if (t === '' || /^now$/i.test(t)) return 'what now?';
  if (/^plan$/i.test(t)) return 'plan my day';
  if (/^add\s+/i.test(t)) return `add ${t.replace(/^add\s+/i, '')}`;
  return t;
};

/** A card's button answers in the card's thread; in a DM, in the DM itself unless the card sits in a thread. */
const buttonThreadId = (channel: string, threadTs: string | undefined, cardTs: string): string => {
  if (channel.startsWith('D')) return threadTs ? `${channel}:${threadTs}` : channel;
  return `${channel}:${threadTs ?? cardTs}`;
};

const registerSlashCommand = (bolt: App, deps: InteractionDeps) =>
  bolt.command('/focus', async ({ command, ack }) => {
    const messageId = `cmd:${command.team_id}:${command.trigger_id}`;
    if (!(await deps.seen.firstTime(messageId))) {
      await ack();
      return;
    }
    await deps.enqueue({
      teamId: command.team_id,
      slackUserId: command.user_id,
      threadId: `slash:${command.channel_id}`,
      messageId,
      message: { text: slashText(command.text).slice(0, 4_000) },
      replyTo: {
        team: command.team_id,
        channel: command.channel_id,
        user: command.user_id,
        mode: 'ephemeral',
        responseUrl: command.response_url,
      },
    });
    await ack({ response_type: 'ephemeral', text: 'On it…' });
  });

const registerCardButtons = (bolt: App, deps: InteractionDeps) =>
  bolt.action(new RegExp(`^${ACTION_PREFIX}\\d+$`), async ({ body, action, ack }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button') return;
    const parsed = ButtonValueSchema.safeParse(JSON.parse(action.value ?? 'null'));
    const teamId = body.team?.id;
    const channel = body.channel?.id;
    if (!parsed.success || !teamId || !channel || !body.message) return;
    const { a, c } = parsed.data;
    const target = 'taskId' in a ? a.taskId : a.token;
    if ('taskId' in a) await deps.focus.remember(teamId, body.user.id, a.taskId);
    const cardTs = String(body.container.message_ts ?? body.message.ts);
    const isEphemeral = body.container.is_ephemeral === true;
    await deps.enqueue({
      teamId,
      slackUserId: body.user.id,
      threadId: buttonThreadId(channel, body.message.thread_ts, cardTs),
      messageId: `btn:${c}:${a.type}:${target}`.slice(0, 128),
      message: { action: a },
      replyTo: {
        team: teamId,
        channel,
        user: body.user.id,
        mode: isEphemeral ? 'ephemeral' : 'card',
        cardTs,
        ...(isEphemeral ? { responseUrl: body.response_url } : {}),
      },
    });
  });

/** App Home's "what now?" button: asked in the person's DM with the bot. */
const registerWhatNowButton = (bolt: App, deps: InteractionDeps) =>
  bolt.action(WHAT_NOW_ACTION, async ({ body, ack }) => {
    await ack();
    const teamId = body.team?.id;
    if (!teamId || body.type !== 'block_actions') return;
    const client = await deps.clients.forTeam(teamId);
    const dm = await client.conversations.open({ users: body.user.id });
    const channel = dm.channel?.id;
    if (!channel) return;
    await deps.enqueue({
      teamId,
      slackUserId: body.user.id,
      threadId: channel,
      messageId: `home:${teamId}:${body.user.id}:${body.actions[0]?.action_ts ?? ''}`,
      message: { text: 'what now?' },
      replyTo: { team: teamId, channel, user: body.user.id, mode: 'dm', threadTs: '' },
    });
  });

export const registerSlackInteractions = (bolt: App, deps: InteractionDeps): void => {
  registerSlashCommand(bolt, deps);
  registerCardButtons(bolt, deps);
  registerWhatNowButton(bolt, deps);
};
