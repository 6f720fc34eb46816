import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { verifySlackRequest } from '@slack/bolt';
import { Hono } from 'hono';
import { AppError, type Logger } from '../../shared/index.js';

/** Slack gives up (and retries) after 3 s; answer a little before that even if a listener never acks. */
const ACK_DEADLINE_MS = 2_500;
/** Slack's own payloads are small; anything bigger is not from Slack. */
const MAX_BODY_BYTES = 512 * 1024;

const FAILED = Symbol('listener failed');

const parseBody = (raw: string, contentType: string): Record<string, unknown> => {
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const form = new URLSearchParams(raw);
  const payload = form.get('payload');
  // Interactivity posts `payload=<json>`; slash commands post plain form fields.
  if (payload !== null) return JSON.parse(payload) as Record<string, unknown>;
  return Object.fromEntries(form);
};

/**
 * Bolt's receiver inside our Hono app: no second HTTP server. Every request is verified on its raw body (signing
 * secret, 5-minute window) before Bolt sees it, and answered as soon as a listener acks.
 */
export class HonoReceiver implements Receiver {
  private bolt: App | undefined;

  constructor(private readonly options: { signingSecret: string; logger: Logger }) {}

  init(app: App): void {
    this.bolt = app;
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  /** `POST /slack/events` (events, interactivity and slash commands share it). */
  routes(): Hono {
    const routes = new Hono();
    routes.post('/slack/events', async (c) => {
      const length = Number(c.req.header('content-length') ?? 0);
      if (length > MAX_BODY_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 'The request is too large.');
      const raw = await c.req.text();
      if (raw.length > MAX_BODY_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 'The request is too large.');
      try {
        verifySlackRequest({
          signingSecret: this.options.signingSecret,
          body: raw,
          headers: {
            'x-slack-signature': c.req.header('x-slack-signature') ?? '',
            'x-slack-request-timestamp': Number(c.req.header('x-slack-request-timestamp')),
          },
        });
      } catch (error) {
        this.options.logger.warn({ err: (error as Error).message }, 'slack request refused');
        throw new AppError('UNAUTHENTICATED', 'The Slack signature is missing, wrong or too old.');
      }
      let body: Record<string, unknown>;
      try {
        body = parseBody(raw, c.req.header('content-type') ?? '');
      } catch (error) {
        throw new AppError('BAD_REQUEST', 'The Slack request body could not be read.', { cause: error });
      }
      if (body.type === 'url_verification') return c.json({ challenge: body.challenge });
      if (body.ssl_check !== undefined) return c.body(null, 200);
      const bolt = this.bolt;
      if (!bolt) throw new AppError('UNAVAILABLE', 'Slack is starting up; try again.', { retryable: true });

      const retryNum = Number(c.req.header('x-slack-retry-num') ?? '') || undefined;
      const acked = new Promise<unknown>((resolve) => {
        const timer = setTimeout(() => resolve(undefined), ACK_DEADLINE_MS);
        const event: ReceiverEvent = {
          body,
          ...(retryNum === undefined ? {} : { retryNum }),
          ...(c.req.header('x-slack-retry-reason')
            ? { retryReason: c.req.header('x-slack-retry-reason') }
            : {}),
          ack: (response?: unknown) => {
            clearTimeout(timer);
            resolve(response);
            return Promise.resolve();
          },
        };
        // Bolt acks events before its listeners run; ours only queue the turn, so the answer waits for them: a
        // process that dies before the turn is queued never acked, and Slack retries.
        const isEvent = body.type === 'event_callback';
        if (isEvent) event.ack = () => Promise.resolve();
        bolt.processEvent(event).then(
          () => {
            if (!isEvent) return;
            clearTimeout(timer);
            resolve(undefined);
          },
          (error: unknown) => {
            this.options.logger.error({ err: error }, 'slack listener failed');
            clearTimeout(timer);
            resolve(FAILED);
          },
        );
      });
      const response = await acked;
      // A 5xx makes Slack deliver the event again; nothing was queued, so nothing runs twice.
      if (response === FAILED) throw new AppError('UNAVAILABLE', 'Try again.', { retryable: true });
      if (response === undefined || response === '') return c.body(null, 200);
      if (typeof response === 'string') return c.text(response);
      return c.json(response);
    });
    return routes;
  }
}
