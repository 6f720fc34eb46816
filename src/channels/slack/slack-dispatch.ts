import type { Redis } from 'ioredis';
import type { Domain } from '../../domain/index.js';
import type { IncomingMessage } from '../../planner/index.js';
import type { SlackClients } from './slack-clients.js';
import { resolveSlackUser } from './slack-identity.js';
import type { SlackInbound, SlackReplyTo } from './slack-types.js';

// Handing a Slack turn to the inbound queue: once per message, as the person the Slack user is linked to.

const SEEN_SECONDS = 86_400;

export type SeenKeys = {
  /** True the first time a key is seen (across nodes, for a day): retries and event pairs stop here. */
  firstTime: (key: string) => Promise<boolean>;
  /** Forgets a key, so Slack's retry of a message that was not queued is taken. */
  forget: (key: string) => Promise<unknown>;
};

export const createSeenKeys = (redis: Redis, prefix: string): SeenKeys => ({
  firstTime: async (key) =>
    (await redis.set(`${prefix}:slack:seen:${key}`, '1', 'EX', SEEN_SECONDS, 'NX')) === 'OK',
  forget: (key) => redis.del(`${prefix}:slack:seen:${key}`),
});

/** One turn to queue: who sent it in which team, the thread and message ids, and where the answer goes. */
export type SlackTurn = {
  teamId: string;
  slackUserId: string;
  threadId: string;
  messageId: string;
  message: IncomingMessage;
  replyTo: SlackReplyTo;
};

export type EnqueueSlackTurn = (turn: SlackTurn) => Promise<unknown>;

export type TurnDispatchDeps = { domain: Domain; clients: SlackClients; inbound: SlackInbound };

/** Queues a turn for the worker; the reply is posted from there. */
export const createTurnDispatch =
  (deps: TurnDispatchDeps): EnqueueSlackTurn =>
  async ({ teamId, slackUserId, threadId, messageId, message, replyTo }) => {
    const person = { teamId, slackUserId };
    const client = await deps.clients.forTeam(teamId);
    const userId = await resolveSlackUser(deps.domain, client, person);
    return deps.inbound.enqueue({
      channel: 'slack',
      userId,
      threadId,
      messageId,
      message,
      replyTo: { ...replyTo },
      receivedAt: deps.domain.clock.now().toISOString(),
    });
  };
