import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Domain, LinkDeps } from '../../domain/index.js';
import { limitBody } from '../../http/index.js';
import type { Conversations } from '../../planner/index.js';
import { AppError } from '../../shared/index.js';
import { createSpokenMarker } from './anonymous-accounts.js';
import { answerChatCommand, commandStream } from './chat-commands.js';
import { HistoryQuerySchema, parseChatRequest } from './chat-request.js';
import type { InboxSubscriber } from './inbox-bus.js';
import type { OriginPolicy } from './origins.js';
import type { RateLimiter } from './rate-limiter.js';
import { StartSessionSchema, startWebSession } from './start-web-session.js';
import { toUiMessage, UI_MESSAGE_STREAM_HEADERS } from './ui-message-stream.js';
import type { WebInbox } from './web-inbox.js';
import { chatGuard, widgetAuth, withRetryAfter, type ChatEnv } from './chat-guard.js';
import { EVENT_STREAM_HEADERS, streamInbox } from './chat-events.js';
import { streamTurn } from './chat-stream.js';
import { createStreamSlots } from './stream-slots.js';

export type ChatRouteDeps = {
  domain: Domain;
  conversations: Conversations;
  inbox: WebInbox;
  subscriber: InboxSubscriber;
  limiter: RateLimiter;
  origins: OriginPolicy;
  /** This server's own origins (always allowed), from PUBLIC_URL or the listen address. */
  ownOrigins: (c: Context) => string[];
  secret: string;
  messagesPerMinute: number;
  requestsPerMinutePerIp: number;
  /** TRUST_PROXY_HOPS (see http/client-address.ts). */
  trustedProxies?: number;
  anonymousSessionsPerMinute: number;
  eventStreamsPerUser: number;
  operatorMaxAgeSeconds: number;
  /** Linking ("link CODE"); absent, such a message goes to the planner like any other. */
  account?: LinkDeps | undefined;
};

/** Proof photos arrive in a message as data URLs (a 5 MB image is ~6.7 MB of base64); only this route takes a large body. */
export const MESSAGE_BODY_LIMIT = 8_500_000;
/** A session request carries at most a widget token, an operator JWT (4 000 chars) and a time zone. */
export const SESSION_BODY_LIMIT = 16 * 1024;
/** Marking a notification read names one id. */
export const EVENT_READ_BODY_LIMIT = 1024;

const tooLarge = (what: string) => `That is too big to send: ${what}.`;

const readJson = async (c: { req: { json: () => Promise<unknown> } }): Promise<unknown> => {
  try {
    return await c.req.json();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('BAD_REQUEST', 'The request body is not valid JSON.', { cause: error });
  }
};

/** The web chat under /chat: session, streamed messages, history, in-app notifications. */
export const chatRoutes = (deps: ChatRouteDeps) => {
  const chat = new Hono<ChatEnv>();
  chat.use('*', chatGuard(deps));
  const auth = widgetAuth({ secret: deps.secret, clock: deps.domain.clock, users: deps.domain.users });
  const spoken = createSpokenMarker(deps.domain);
  const streams = createStreamSlots(deps.eventStreamsPerUser);
  // New anonymous accounts stay in the database, so their cap fails closed: no Redis, no new accounts.
  const admitAnonymous = (c: Context) => () =>
    withRetryAfter(
      c,
      deps.limiter.hit(
        'anon-session',
        'all',
        { limit: deps.anonymousSessionsPerMinute, windowMs: 60_000 },
        {
          failClosed: true,
          message: (s) => `Lots of people are starting chats right now. Please try again in ${s} s.`,
        },
      ),
    );

  chat.post(
    '/session',
    limitBody(SESSION_BODY_LIMIT, tooLarge('a session request is a few KB')),
    async (c) => {
      const input = StartSessionSchema.parse((await c.req.text()) ? await readJson(c) : {});
      return c.json(
        await startWebSession(
          {
            ...deps.domain,
            secret: deps.secret,
            operatorMaxAgeSeconds: deps.operatorMaxAgeSeconds,
            admitAnonymous: admitAnonymous(c),
          },
          input,
        ),
        200,
      );
    },
  );

  chat.post(
    '/messages',
    auth, // before the limit: a stranger's upload is refused unread, not buffered
    limitBody(MESSAGE_BODY_LIMIT, tooLarge('images up to about 5 MB work')),
    async (c) => {
      const request = parseChatRequest(await readJson(c));
      const userId = c.var.widget.uid;
      await spoken.mark(c.var.widget);
      await withRetryAfter(
        c,
        deps.limiter.hit('user', userId, { limit: deps.messagesPerMinute, windowMs: 60_000 }),
      );
      const text = 'text' in request.message ? request.message.text : undefined;
      const command =
        text === undefined
          ? null
          : await answerChatCommand(
              {
                secret: deps.secret,
                clock: deps.domain.clock,
                operatorMaxAgeSeconds: deps.operatorMaxAgeSeconds,
                account: deps.account,
                tokens: deps.domain,
                mcpUrl: `${deps.ownOrigins(c)[0] ?? ''}/mcp`,
                calendar: deps.domain,
                calendarUrl: (secret) => `${deps.ownOrigins(c)[0] ?? ''}/calendar/${secret}.ics`,
                onRelinked: (claims) => spoken.forget(claims),
              },
              c.var.widget,
              text,
            );
      if (command) return c.body(commandStream(request.messageId, command), 200, UI_MESSAGE_STREAM_HEADERS);
      const stream = streamTurn(deps.conversations, userId, request, c.req.raw.signal, c.var.logger);
      return c.body(stream, 200, UI_MESSAGE_STREAM_HEADERS);
    },
  );

  chat.get('/history', auth, async (c) => {
    const query = HistoryQuerySchema.parse(c.req.query());
    const items = await deps.conversations.history(c.var.widget.uid, 'web', query.threadId, query.limit);
    return c.json({ threadId: query.threadId, messages: items.map(toUiMessage) }, 200);
  });

  chat.get('/events', auth, (c) => {
    const release = streams.acquire(c.var.widget.uid);
    if (!release) {
      c.header('Retry-After', '30');
      throw new AppError(
        'RATE_LIMITED',
        'This chat is already open in several tabs. Close one of them, or try again in a moment.',
        { details: { retryAfterSeconds: 30, scope: 'event-streams' } },
      );
    }
    const { uid } = c.var.widget;
    const body = streamInbox(deps.inbox, deps.subscriber, uid, c.req.raw.signal, c.var.logger, release);
    return c.body(body, 200, EVENT_STREAM_HEADERS);
  });

  chat.post(
    '/events/read',
    limitBody(EVENT_READ_BODY_LIMIT, tooLarge('this takes one id')),
    auth,
    async (c) => {
      const { id } = z.strictObject({ id: z.string().min(1).max(200) }).parse(await readJson(c));
      const item = await deps.inbox.markRead(c.var.widget.uid, id);
      if (!item) throw new AppError('NOT_FOUND', "I couldn't find that notification.");
      return c.json(item, 200);
    },
  );

  return chat;
};
