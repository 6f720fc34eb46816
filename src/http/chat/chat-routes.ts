import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import {
  createSpokenMarker,
  HistoryQuerySchema,
  parseChatRequest,
  StartSessionSchema,
  startWebSession,
  toUiMessage,
  UI_MESSAGE_STREAM_HEADERS,
  type InboxSubscriber,
  type OriginPolicy,
  type RateLimiter,
} from '../../channels/web/index.js';
import type { WebInbox } from '../../channels/web-inbox.js';
import type { Domain } from '../../domain/deps.js';
import type { Conversations } from '../../planner/conversation-types.js';
import { AppError } from '../../shared/errors.js';
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
  secret: string;
  messagesPerMinute: number;
  requestsPerMinutePerIp: number;
  anonymousSessionsPerMinute: number;
  eventStreamsPerUser: number;
};

/** Proof photos arrive as data URLs (up to ~6 MB of image); everything else is small. */
const MESSAGE_BODY_LIMIT = 8_500_000;

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
  chat.use(
    '*',
    bodyLimit({
      maxSize: MESSAGE_BODY_LIMIT,
      onError: () => {
        throw new AppError('PAYLOAD_TOO_LARGE', 'That is too big to send. Images up to about 6 MB work.');
      },
    }),
  );
  const auth = widgetAuth({ secret: deps.secret, clock: deps.domain.clock });
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

  chat.post('/session', async (c) => {
    const input = StartSessionSchema.parse((await c.req.text()) ? await readJson(c) : {});
    return c.json(
      await startWebSession(
        { ...deps.domain, secret: deps.secret, admitAnonymous: admitAnonymous(c) },
        input,
      ),
      200,
    );
  });

  chat.post('/messages', auth, async (c) => {
    const request = parseChatRequest(await readJson(c));
    const userId = c.var.widget.uid;
    await spoken.mark(c.var.widget);
    await withRetryAfter(
      c,
      deps.limiter.hit('user', userId, { limit: deps.messagesPerMinute, windowMs: 60_000 }),
    );
    const stream = streamTurn(deps.conversations, userId, request, c.req.raw.signal, c.var.logger);
    return c.body(stream, 200, UI_MESSAGE_STREAM_HEADERS);
  });

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

  chat.post('/events/read', auth, async (c) => {
    const { id } = z.strictObject({ id: z.string().min(1).max(200) }).parse(await readJson(c));
    const item = await deps.inbox.markRead(c.var.widget.uid, id);
    if (!item) throw new AppError('NOT_FOUND', "I couldn't find that notification.");
    return c.json(item, 200);
  });

  return chat;
};
