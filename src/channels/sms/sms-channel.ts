import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import twilio from 'twilio';
import { z } from 'zod';
import type { SmsConfig } from '../../config.js';
import type { Domain, LinkDeps } from '../../domain/index.js';
import type { Reply } from '../../planner/index.js';
import type { ChannelAdapter, ChannelEnv, InboundJob } from '../contract.js';
import { AppError, type Logger } from '../../shared/index.js';
import { InboundSmsSchema, receiveSms, type InboundSms } from './sms-inbound.js';
import { renderReply } from './render-sms.js';
import { createSendPacer } from './send-pacer.js';
import { createSmsOut } from './sms-sender.js';
import { createSmsStore, SMS_STATUSES } from './sms-store.js';
import { createSmsApi, type SmsApi } from './twilio-rest.js';
import type { Redis } from 'ioredis';
import type { Db } from 'mongodb';

export const SMS_WEBHOOK_PATH = '/webhooks/twilio/sms';
export const SMS_STATUS_PATH = '/webhooks/twilio/status';
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export type SmsChannelDeps = {
  config: SmsConfig;
  db: Db;
  domain: Domain;
  /** "link CODE": the one linking use case every channel shares (domain/account). */
  account: LinkDeps;
  logger: Logger;
  /** PUBLIC_URL, or this server's own address: what Twilio signs (never the request's Host header). */
  publicBaseUrl: string;
  proofImageMaxBytes: number;
  /** Shared state across processes: the per-number send pace. */
  redis: Redis;
  /** JOBS_PREFIX, for the pace keys. */
  redisPrefix: string;
  /** The inbound queue's enqueue: the worker runs the turn and calls `deliverReply`. */
  enqueue: (job: InboundJob) => Promise<'queued' | 'duplicate'>;
  /** Tests replace the REST client's transport only through TWILIO_API_BASE_URL; this is for the benchmark's pacing. */
  api?: SmsApi;
  throttleBackoffMs?: number;
};

/** Form parameters as Twilio sent them, a repeated name keeping every value (all of them are signed). */
const formParams = (body: string): Record<string, string | string[]> => {
  const params: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const seen = params[name];
    params[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return params;
};

const single = (params: Record<string, string | string[]>) =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));

const StatusSchema = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/),
  MessageStatus: z.enum(SMS_STATUSES).or(z.string().transform(() => null)),
  To: z.string().max(32).default(''),
  ErrorCode: z.string().max(10).optional(),
});

/** The SMS channel: Twilio webhooks in, the REST API out (docs/sms.md). */
export const createSmsChannel = (deps: SmsChannelDeps) => {
  const store = createSmsStore(deps.db);
  const api = deps.api ?? createSmsApi(deps.config);
  const base = deps.publicBaseUrl.replace(/\/+$/, '');
  const out = createSmsOut({
    api,
    store,
    clock: deps.domain.clock,
    logger: deps.logger,
    phoneNumbers: deps.config.phoneNumbers,
    pace: createSendPacer({
      redis: deps.redis,
      prefix: deps.redisPrefix,
      segmentsPerSecond: deps.config.segmentsPerSecond,
      logger: deps.logger,
    }),
    statusCallbackUrl: `${base}${SMS_STATUS_PATH}`,
    ...(deps.throttleBackoffMs === undefined ? {} : { throttleBackoffMs: deps.throttleBackoffMs }),
  });

  /** The signed parameters, or null (403) when the signature does not match the URL Twilio was given. */
  const verified = async (c: Context<ChannelEnv>, path: string) => {
    const signature = c.req.header('x-twilio-signature');
    const body = await c.req.text();
    if (!signature) return null;
    const params = formParams(body);
    const url = `${base}${path}${new URL(c.req.url).search}`;
    return twilio.validateRequest(deps.config.authToken, signature, url, params) ? params : null;
  };

  const routes = new Hono<ChannelEnv>();
  const limit = bodyLimit({ maxSize: 64 * 1024 });
  const forbidden = (c: Context<ChannelEnv>) => c.text('Invalid Twilio signature.', 403);

  routes.post(SMS_WEBHOOK_PATH, limit, async (c) => {
    const params = await verified(c, SMS_WEBHOOK_PATH);
    if (!params) return forbidden(c);
    const parsed = InboundSmsSchema.safeParse(single(params));
    if (!parsed.success) return c.text('Not an inbound message.', 400);
    const media: InboundSms['media'] = [];
    for (let i = 0; i < parsed.data.NumMedia; i++) {
      const url = single(params)[`MediaUrl${i}`];
      if (url) media.push({ url, contentType: single(params)[`MediaContentType${i}`] ?? '' });
    }
    await receiveSms(
      {
        domain: deps.domain,
        account: deps.account,
        store,
        out,
        api,
        logger: deps.logger,
        unknownNumbers: deps.config.unknownNumbers,
        proofImageMaxBytes: deps.proofImageMaxBytes,
        enqueue: deps.enqueue,
      },
      { ...parsed.data, media },
    );
    return c.body(EMPTY_TWIML, 200, { 'content-type': 'text/xml' });
  });

  routes.post(SMS_STATUS_PATH, limit, async (c) => {
    const params = await verified(c, SMS_STATUS_PATH);
    if (!params) return forbidden(c);
    const parsed = StatusSchema.safeParse(single(params));
    if (!parsed.success) return c.text('Not a status callback.', 400);
    const { MessageSid, MessageStatus, To, ErrorCode } = parsed.data;
    const now = deps.domain.clock.now();
    if (ErrorCode === '21610' && To) await store.setOptedOut(To, true, now);
    if (MessageStatus) {
      const moved = await store.advance(MessageSid, To, MessageStatus, now);
      if (moved?.notificationId) await store.advanceNotification(moved.notificationId, moved.status);
    }
    return c.body(null, 204);
  });

  /** Sends a queued turn's reply, once per MessageSid however often the worker retries. */
  const deliverReply = async (turn: InboundJob, reply: Reply) => {
    const to = turn.replyTo.to;
    const from = turn.replyTo.from;
    if (!to || !from)
      throw new AppError('BAD_REQUEST', 'An SMS job without reply addresses.', { retryable: false });
    await out.sendRendered(turn.userId, to, from, renderReply(reply.parts), `reply:${turn.messageId}`, null);
  };

  const adapter: ChannelAdapter = {
    channel: 'sms',
    routes,
    sender: out.sender,
    deliverReply,
    // Two GSM-7 segments; lists longer than a text shows stay whole so MORE can page through them.
    budget: { maxChars: 306, maxListItems: 12 },
  };
  return { adapter, store, out, api };
};
export type SmsChannel = ReturnType<typeof createSmsChannel>;
