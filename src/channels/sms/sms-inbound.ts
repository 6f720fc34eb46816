import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import { tokenRequestIn } from '../../agents/index.js';
import {
  addIdentity,
  createUser,
  linkCodeInText,
  linkWithCode,
  resolveIdentity,
  updateProfile,
  type Domain,
  type LinkDeps,
} from '../../domain/index.js';
import type { IncomingMessage } from '../../planner/index.js';
import { isAppError, type Logger } from '../../shared/index.js';
import { fitSms, renderList, type SmsChoice } from './render-sms.js';
import { threadKeyOf, type SmsOut } from './sms-sender.js';
import type { SmsStore } from './sms-store.js';
import { zonesForCountry } from './time-zones.js';
import type { SmsApi } from './twilio-rest.js';
import type { InboundJob } from '../contract.js';

/** The fields of Twilio's inbound-message webhook we use; Twilio adds others (they are signed, then ignored). */
export const InboundSmsSchema = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/),
  From: z.string().min(3).max(32),
  To: z.string().min(3).max(32),
  Body: z.string().max(1_600).default(''),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
  OptOutType: z.string().max(16).optional(),
});
export type InboundSms = z.infer<typeof InboundSmsSchema> & { media: { url: string; contentType: string }[] };

export type SmsInboundDeps = {
  domain: Domain;
  /** "link CODE": the one linking use case every channel shares (domain/account). */
  account: LinkDeps;
  store: SmsStore;
  out: SmsOut;
  api: SmsApi;
  logger: Logger;
  unknownNumbers: 'sign_up' | 'explain';
  proofImageMaxBytes: number;
  /** Hands a turn to the inbound queue; 'duplicate' when this MessageSid was queued before. */
  enqueue: (job: InboundJob) => Promise<'queued' | 'duplicate'>;
};

// Carrier opt-out words (CTIA); Twilio's Advanced Opt-Out also names them in OptOutType.
const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'END', 'QUIT', 'CANCEL', 'REVOKE', 'OPTOUT']);
const START_WORDS = new Set(['START', 'UNSTOP', 'YES']);
const HELP_WORDS = new Set(['HELP', 'INFO']);

export const NO_TOKENS_BY_TEXT =
  "For your safety I don't send API tokens by text. Open the web chat and say: give me a token for Claude";

export const HELP_TEXT =
  'FocusForge: your ADHD-friendly assistant for tasks, reminders and small next steps. Text what is on your mind, ' +
  'e.g. "remind me to call mom at 5pm". Reply STOP to stop all texts, START to resume. Msg&data rates may apply.';
const HOW_TO_LINK =
  "Hi! This number isn't linked to a FocusForge account yet. In the app, create a link code (Settings > Link a " +
  'phone), then text: link CODE';

/** One thread per person and FocusForge number (threadIds allow letters, digits and . _ : - only). */
export const smsThreadId = (ourNumber: string) => `sms-${ourNumber.replace(/\D/g, '')}`;

const keywordOf = (sms: InboundSms): 'stop' | 'start' | 'help' | null => {
  const type = sms.OptOutType?.toUpperCase();
  const word = sms.Body.trim().toUpperCase();
  if (type === 'STOP' || STOP_WORDS.has(word)) return 'stop';
  if (type === 'START' || START_WORDS.has(word)) return 'start';
  if (type === 'HELP' || HELP_WORDS.has(word)) return 'help';
  return null;
};

/** The task the conversation is about: the one the last options (a reminder, start mode) were for. */
const taskInFocus = (choices: SmsChoice[]): string | null => {
  const actions = choices.flatMap((c) => (c.action ? [c.action] : []));
  const about = actions.find((a) => a.type !== 'complete_task' && 'taskId' in a) ?? actions[0];
  return about && 'taskId' in about ? about.taskId : null;
};

/**
 * Everything that happens to a verified inbound text before its acknowledgement: opt-out words, routing to a person,
 * linking and sign-up, short answers ("1", MORE), photos as proof, and finally the turn queued for a worker. Replies
 * that need no planner go out in the background, once per MessageSid.
 */
export const receiveSms = async (deps: SmsInboundDeps, sms: InboundSms): Promise<void> => {
  const now = deps.domain.clock.now();
  const phone = parsePhoneNumberFromString(sms.From);
  if (!phone?.isPossible()) {
    deps.logger.info('sms from an unusable sender number ignored');
    return;
  }
  const from = phone.number;
  const ours = sms.To;
  // `key` other than the default when this message gets a second text (a welcome before the answer).
  const reply = (
    text: string,
    choices: SmsChoice[] = [],
    userId?: string,
    key = `reply:${sms.MessageSid}`,
  ) => {
    const rendered = fitSms(text, choices, []);
    const sending = userId
      ? deps.out.sendRendered(userId, from, ours, rendered, key, null)
      : deps.out.sendOnce({
          key: `reply:${sms.MessageSid}`,
          to: from,
          from: ours,
          body: rendered.body,
          notificationId: null,
        });
    // Not awaited: the webhook acknowledges now; the send is idempotent on the MessageSid if Twilio retries.
    void sending.catch((error: unknown) =>
      deps.logger.warn({ err: (error as Error).message }, 'sms reply could not be sent'),
    );
  };

  const keyword = keywordOf(sms);
  if (keyword === 'stop') return deps.store.setOptedOut(from, true, now); // the carrier confirms; we stay silent
  if (keyword === 'start') return deps.store.setOptedOut(from, false, now);
  if (keyword === 'help') return reply(HELP_TEXT);

  // An API token sent by text would sit in clear on the carrier's systems and the phone for good.
  if (tokenRequestIn(sms.Body)) return reply(NO_TOKENS_BY_TEXT);
  let userId = await resolveIdentity(deps.domain, 'sms', from);
  const linkCode = linkCodeInText(sms.Body);
  if (linkCode) {
    try {
      // A number that signed itself up by texting is merged into the code's account, its tasks with it.
      const linked = await linkWithCode(deps.account, { channel: 'sms', address: from }, linkCode);
      return reply(
        linked.outcome === 'same'
          ? 'This number is already linked to that account. Text HELP any time.'
          : 'Linked! This number now talks to your FocusForge account. Text HELP any time.',
      );
    } catch (error) {
      return reply(isAppError(error) ? error.userMessage : 'That did not work. Please try again.');
    }
  }
  if (!userId && deps.unknownNumbers === 'explain') return reply(HOW_TO_LINK);
  if (!userId) {
    // Test and new ranges are not "valid" yet still say where they are: the first country that could own them.
    const zones = zonesForCountry(phone.country ?? phone.getPossibleCountries()[0]);
    const timezone = 'zone' in zones ? zones.zone : 'ask' in zones ? zones.ask[0]!.zone : 'UTC';
    const profile = await createUser(deps.domain, { name: 'Friend', timezone }, 'chat');
    await addIdentity(deps.domain, { userId: profile.id, via: 'chat' }, 'sms', from);
    // Met by text: reminders go by text, not to a web inbox they have never opened.
    await deps.domain.users.update(profile.id, {
      preferences: { ...profile.preferences, preferredChannel: 'sms' },
    });
    userId = profile.id;
    const welcomeKey = `welcome:${sms.MessageSid}`;
    if ('ask' in zones) {
      // The first text waits for the zone ("at 5pm" needs it); the zone answer queues it under its own MessageSid.
      const kept = sms.Body.trim();
      if (kept)
        await deps.store.hold(threadKeyOf(userId, from), {
          messageId: sms.MessageSid,
          text: kept,
          receivedAt: now,
        });
      const choices = zones.ask.map((z) => ({ label: z.label, zone: z.zone }));
      return reply(
        kept
          ? 'Welcome to FocusForge! I kept your message and will answer it once I know your time zone. Which one are you in?'
          : "Welcome to FocusForge! I'm here for tasks, reminders and small next steps. First, which time zone are you in?",
        choices,
        userId,
        welcomeKey,
      );
    }
    if ('unknown' in zones) {
      // Welcomed, then answered like any other text.
      reply(
        'Welcome to FocusForge! Your time zone is UTC for now: text e.g. "my time zone is Europe/Berlin" to change it.',
        [],
        userId,
        welcomeKey,
      );
    }
  }

  const person = userId;
  const threadKey = threadKeyOf(person, from);
  const thread = await deps.store.thread(threadKey);
  const word = sms.Body.trim();
  let message: IncomingMessage | null = null;

  const pick = /^\d{1,2}$/.test(word) ? thread?.choices[Number(word) - 1] : undefined;
  const queueTurn = (messageId: string, message: IncomingMessage, receivedAt: Date) =>
    deps.enqueue({
      userId: person,
      channel: 'sms',
      threadId: smsThreadId(ours),
      messageId,
      message,
      replyTo: { to: from, from: ours },
      receivedAt: receivedAt.toISOString(),
    });
  // A kept first text goes first: after the zone answer, or (zone left at its default) before whatever came instead.
  // Queued before it is released, so a failure in between leaves it kept and Twilio's retry queues it (idempotently).
  const releaseHeld = async () => {
    if (!thread?.held) return false;
    await queueTurn(thread.held.messageId, { text: thread.held.text }, thread.held.receivedAt);
    await deps.store.releaseHeld(threadKey, thread.held.messageId);
    return true;
  };
  if (pick?.zone) {
    await updateProfile(deps.domain, { userId, via: 'chat' }, { timezone: pick.zone });
    const hadHeld = await releaseHeld();
    return reply(
      hadHeld
        ? `Got it: ${pick.label} time. Now to your first message...`
        : `Got it: ${pick.label} time. What's on your mind? E.g. "remind me to call mom at 5pm".`,
      [],
      userId,
    );
  }
  await releaseHeld();
  if (pick?.action) message = { action: pick.action };
  else if (pick?.text) message = { text: pick.text };

  if (!message && /^more$/i.test(word) && thread && thread.more.length > 0) {
    const page = renderList('', thread.more);
    const sms2 = fitSms(page.text, [], page.more);
    void deps.out
      .sendRendered(userId, from, ours, sms2, `reply:${sms.MessageSid}`, null)
      .catch((error: unknown) =>
        deps.logger.warn({ err: (error as Error).message }, 'sms reply could not be sent'),
      );
    return;
  }

  if (!message && sms.media.length > 0) {
    const image = sms.media.find((m) => /^image\/(png|jpeg|webp|gif)$/i.test(m.contentType));
    const taskId = thread ? taskInFocus(thread.choices) : null;
    if (!image) return reply('I can only take photos (JPEG, PNG, GIF or WebP) as proof.', [], userId);
    if (!taskId)
      return reply(
        'Thanks for the photo! Which task does it prove? Reply to a reminder, or text "start TASK" first.',
        [],
        userId,
      );
    try {
      const { bytes, contentType } = await deps.api.fetchMedia(image.url, deps.proofImageMaxBytes);
      const mime = /^image\/(png|jpeg|webp|gif)$/i.test(contentType)
        ? contentType.toLowerCase()
        : image.contentType;
      message = {
        proof: {
          taskId,
          ...(word ? { text: word } : {}),
          imageDataUrl: `data:${mime};base64,${bytes.toString('base64')}`,
        },
      };
    } catch (error) {
      return reply(
        isAppError(error) && error.code === 'PAYLOAD_TOO_LARGE'
          ? 'That photo is too large for me. Could you send a smaller one?'
          : "I couldn't open that photo. Could you send it again?",
        [],
        userId,
      );
    }
  }
  if (!message && !word) return; // an empty text: nothing to answer
  await queueTurn(sms.MessageSid, message ?? { text: word }, now);
};
