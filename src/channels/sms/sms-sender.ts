import { setTimeout as sleep } from 'node:timers/promises';
import type { ChannelSender } from '../../domain/index.js';
import { AppError, type Clock, type Logger } from '../../shared/index.js';
import { renderNotification, type RenderedSms } from './render-sms.js';
import type { SendPacer } from './send-pacer.js';
import { segmentCount } from './segments.js';
import type { SmsStore } from './sms-store.js';
import { SmsSendError, type SmsApi } from './twilio-rest.js';

export type SmsOutDeps = {
  api: SmsApi;
  store: SmsStore;
  clock: Clock;
  logger: Logger;
  phoneNumbers: string[];
  /** Per-number pacing, shared across processes (send-pacer.ts). */
  pace: SendPacer;
  /** Where Twilio posts delivery statuses; unset: no callbacks asked for. */
  statusCallbackUrl: string | undefined;
  /** Backoff after a 429/20429, doubled per try; tests shorten it. */
  throttleBackoffMs?: number;
};

/** Throttled sends are retried this many times in place before the job's own retry takes over. */
const THROTTLE_RETRIES = 5;
/** An unfinished send younger than this may still be in flight on another worker. */
const IN_FLIGHT_MS = 30_000;

/** Keys a person's conversation with one phone: their last options and the rest of their last list. */
export const threadKeyOf = (userId: string, phone: string) => `${userId}:${phone}`;

/** Sends texts exactly once per idempotency key, paced per number, with throttling retried and opt-outs kept. */
export const createSmsOut = (deps: SmsOutDeps) => {
  const { pace } = deps;
  const backoff = deps.throttleBackoffMs ?? 1_000;

  const post = async (to: string, from: string | undefined, body: string) => {
    for (let attempt = 0; ; attempt++) {
      await pace(from ?? 'service', segmentCount(body));
      try {
        return await deps.api.send({ to, from, body, statusCallback: deps.statusCallbackUrl });
      } catch (error) {
        if (!(error instanceof SmsSendError) || !error.throttled || attempt >= THROTTLE_RETRIES) throw error;
        await sleep(backoff * 2 ** attempt);
      }
    }
  };

  /** Sends `body` to `to` once for `key`, also across a crash between Twilio accepting it and our record of that. */
  const sendOnce = async (input: {
    key: string;
    to: string;
    from: string | undefined;
    body: string;
    notificationId: string | null;
  }): Promise<'sent' | 'duplicate'> => {
    const { key, to, body } = input;
    const now = deps.clock.now();
    const earlier = await deps.store.beginSend(key, to, body, now);
    if (earlier?.state === 'sent') return 'duplicate';
    if (earlier) {
      // A send started and never finished: ask Twilio whether it went out before sending again.
      const sent = (await deps.api.sentTo(to, new Date(earlier.at.getTime() - 60_000))).find(
        (m) => m.body === body,
      );
      if (sent) {
        await deps.store.finishSend(key, sent.sid);
        await deps.store.recordMessage(sent.sid, to, input.notificationId, 'queued', now);
        return 'duplicate';
      }
      if (now.getTime() - earlier.at.getTime() < IN_FLIGHT_MS)
        throw new AppError('UNAVAILABLE', 'This text is being sent by another worker.', { retryable: true });
    }
    if (await deps.store.isOptedOut(to)) {
      await deps.store.abandonSend(key);
      throw new SmsSendError(21610, 400, new Error('opted out (recorded)'));
    }
    try {
      const message = await post(to, input.from, body);
      await deps.store.finishSend(key, message.sid);
      const status = await deps.store.recordMessage(
        message.sid,
        to,
        input.notificationId,
        'queued',
        deps.clock.now(),
      );
      if (input.notificationId) await deps.store.advanceNotification(input.notificationId, status);
      return 'sent';
    } catch (error) {
      await deps.store.abandonSend(key);
      if (error instanceof SmsSendError && error.optedOut) {
        await deps.store.setOptedOut(to, true, deps.clock.now());
        deps.logger.info({ code: 21610 }, 'sms recipient has opted out; no more texts until START');
      }
      throw error;
    }
  };

  /** The number a person hears from: the one they last texted, else the first configured. */
  const fromFor = async (userId: string, phone: string) =>
    (await deps.store.thread(threadKeyOf(userId, phone)))?.via ?? deps.phoneNumbers[0];

  /** Sends a rendered text and remembers what a bare number or MORE answers. */
  const sendRendered = async (
    userId: string,
    to: string,
    from: string | undefined,
    sms: RenderedSms,
    key: string,
    notificationId: string | null,
  ) => {
    // Saved first: the person may answer "1" the moment the text lands.
    await deps.store.saveThread(threadKeyOf(userId, to), sms.choices, sms.more, deps.clock.now(), from);
    return sendOnce({ key, to, from, body: sms.body, notificationId });
  };

  const sender: ChannelSender = {
    channel: 'sms',
    needsAddress: true,
    canReach: async (address) => !(await deps.store.isOptedOut(address)),
    send: async (to, message, idempotencyKey) => {
      if (!to.address) throw new AppError('UNAVAILABLE', 'No phone number is linked.', { retryable: false });
      const from = await fromFor(to.userId, to.address);
      await sendRendered(
        to.userId,
        to.address,
        from,
        renderNotification(message),
        idempotencyKey,
        idempotencyKey,
      );
    },
  };
  return { sender, sendOnce, sendRendered, fromFor };
};
export type SmsOut = ReturnType<typeof createSmsOut>;
