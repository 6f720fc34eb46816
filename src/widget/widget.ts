import {
  ChatError,
  createClient,
  hasStoredSession,
  type Action,
  type ChatClient,
  type Identity,
  type OutgoingMessage,
} from './client.js';
import { createComposer } from './composer.js';
import { el } from './dom.js';
import { createNoticeFeed } from './notices.js';
import type { PartHandlers } from './parts.js';
import { createStreamingReply, type StreamingReply } from './reply.js';
import { createTranscript } from './transcript.js';
import { buildView } from './view.js';

export type WidgetOptions = {
  base: string;
  identity: Identity | undefined;
  title: string;
  accent: string;
  open: boolean;
};

const RETRIES = 3;
const sleep = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));
const newMessageId = () => `m-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/**
 * Sends one message, streaming into `reply`; after a dropped connection, sends the same message id again (the
 * server replays the stored answer instead of acting twice). Returns why it failed, or undefined.
 */
const sendWithRetries = async (
  client: ChatClient,
  messageId: string,
  message: OutgoingMessage,
  controller: AbortController,
  reply: StreamingReply,
): Promise<string | undefined> => {
  let failure: string | undefined;
  for (let attempt = 0; attempt < RETRIES; attempt++) {
    try {
      await client.send(messageId, message, controller.signal, reply.onChunk);
      failure = undefined;
      break;
    } catch (error) {
      if (controller.signal.aborted) {
        failure = undefined;
        reply.markStopped();
        break;
      }
      failure = error instanceof Error ? error.message : 'The connection dropped.';
      if (error instanceof ChatError && error.status >= 400 && error.status < 500) break; // retrying will not help
      reply.reset(); // the same message id again: the server replays the stored answer instead of acting twice
      await sleep(500 * 2 ** attempt);
    }
  }
  return failure;
};

/** Mounts the launcher and panel and wires them to the server at `base`. */
export const mountWidget = (options: WidgetOptions) => {
  const view = buildView({ title: options.title, accent: options.accent });
  document.body.append(view.host);
  const client = createClient(options.base, options.identity);
  let started: Promise<void> | undefined;
  let running: AbortController | undefined;

  const handlers: PartHandlers = {
    onAction: (label, action) => void sendMessage({ action }, label),
    onText: (text) => void sendMessage({ text }, text),
    onProof: (task) => composer.startProof(task),
    onPoints: (balance) => view.setPoints(balance),
  };
  const transcript = createTranscript(view, options.title, handlers);
  const notices = createNoticeFeed(view, client, handlers);

  const start = () =>
    (started ??= (async () => {
      await client.startSession();
      transcript.renderHistory(await client.history());
      void notices.listen(); // runs for the page's lifetime
    })().catch((error: unknown) => {
      started = undefined;
      transcript.showError(
        error instanceof Error ? error.message : 'The assistant is not reachable right now.',
        () => void start(),
      );
      throw error;
    }));

  /** One turn: streams the reply into a bubble; re-sends the same message id after a dropped connection. */
  const sendMessage = async (message: OutgoingMessage, label: string, messageId = newMessageId()) => {
    if (running) return;
    try {
      await start();
    } catch {
      return;
    }
    transcript.bubble('user', el('p', {}, label));
    const controller = new AbortController();
    running = controller;
    view.setStreaming(true);
    const reply = createStreamingReply(view, transcript, handlers);
    const failure = await sendWithRetries(client, messageId, message, controller, reply);
    reply.finish();
    running = undefined;
    view.setStreaming(false);
    if (failure !== undefined) {
      reply.remove();
      transcript.showError(
        `${failure} Your message was kept.`,
        () => void sendMessage(message, label, messageId),
      );
      return;
    }
    const spoken = reply.spokenText();
    if (spoken) view.announce(`${options.title}: ${spoken}`);
  };

  const composer = createComposer(view, { send: sendMessage, showError: transcript.showError });

  const open = () => {
    view.setOpen(true);
    view.input.focus();
    notices.markAllRead();
    void start().catch(() => undefined); // start() shows its own error
  };
  const close = () => {
    view.setOpen(false);
    view.launcher.focus();
  };

  view.launcher.addEventListener('click', () => (view.isOpen() ? close() : open()));
  view.close.addEventListener('click', close);
  view.panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });
  view.stop.addEventListener('click', () => {
    running?.abort();
    view.input.focus();
  });
  view.proofCancel.addEventListener('click', composer.cancelProof);
  view.input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      view.form.requestSubmit();
    }
  });
  view.form.addEventListener('submit', (event) => {
    event.preventDefault();
    void composer.submit();
  });

  // A returning visitor (token stored) gets reminders and the badge without opening the chat first.
  if (options.open) open();
  else if (hasStoredSession(options.base) || options.identity) void start().catch(() => undefined);

  return {
    open,
    close,
    send: (text: string) => sendMessage({ text }, text),
    action: (label: string, action: Action) => sendMessage({ action }, label),
  };
};
