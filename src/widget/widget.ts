import {
  ChatError,
  createClient,
  hasStoredSession,
  type Action,
  type Identity,
  type InboxNotice,
  type OutgoingMessage,
  type UiChunk,
  type UiMessage,
  type UiPart,
} from './client.js';
import { el } from './dom.js';
import { partText, renderNotice, renderPart, type PartHandlers } from './parts.js';
import { buildView } from './view.js';

export type WidgetOptions = {
  base: string;
  identity: Identity | undefined;
  title: string;
  accent: string;
  open: boolean;
};

const MAX_IMAGE_BYTES = 5_000_000; // the server default (PROOF_IMAGE_MAX_BYTES) checks again
const RETRIES = 3;
const sleep = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));
const newMessageId = () => `m-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(file);
  });

/** Mounts the launcher and panel and wires them to the server at `base`. */
export const mountWidget = (options: WidgetOptions) => {
  const view = buildView({ title: options.title, accent: options.accent });
  document.body.append(view.host);
  const client = createClient(options.base, options.identity);
  let started: Promise<void> | undefined;
  let running: AbortController | undefined;
  let proofTask: { id: string; title: string } | undefined;
  const unread = new Set<string>();
  const shownNotices = new Set<string>();

  const handlers: PartHandlers = {
    onAction: (label, action) => void sendMessage({ action }, label),
    onText: (text) => void sendMessage({ text }, text),
    onProof: (task) => {
      proofTask = task;
      view.proofLabel.textContent = `Proof for “${task.title}”. Describe what you did and/or add a photo.`;
      view.proof.hidden = false;
      view.input.focus();
    },
    onPoints: (balance) => view.setPoints(balance),
  };

  const bubble = (role: 'user' | 'assistant', ...children: Node[]) => {
    const node = el(
      'div',
      { class: `msg ${role}` },
      el('span', { class: 'who' }, role === 'user' ? 'You' : options.title),
      ...children,
    );
    view.log.append(node);
    view.scrollToEnd();
    return node;
  };
  const showError = (message: string, retry?: () => void) => {
    const node = el('div', { class: 'msg error', role: 'alert' }, el('p', {}, message));
    if (retry) {
      const button = el('button', { type: 'button' }, 'Try again');
      button.addEventListener('click', () => {
        node.remove();
        retry();
      });
      node.append(button);
    }
    view.log.append(node);
    view.scrollToEnd();
  };

  const renderHistory = (messages: UiMessage[]) => {
    for (const message of messages) {
      const parts = message.parts
        .map((part) => renderPart(part, handlers))
        .filter((n): n is HTMLElement => n !== null);
      bubble(message.role, ...parts).dataset.messageId = message.id;
    }
  };

  const showNotice = (notice: InboxNotice) => {
    if (shownNotices.has(notice.id)) return;
    shownNotices.add(notice.id);
    view.log.append(renderNotice(notice, handlers));
    view.scrollToEnd();
    if (view.isOpen()) {
      view.announce(`Reminder: ${notice.title}. ${notice.text}`);
      void client.markRead(notice.id).catch(() => undefined); // unread again next visit at worst
    } else {
      unread.add(notice.id);
      view.setBadge(unread.size);
    }
  };

  /** Keeps the notification stream open, reconnecting with backoff; ends only with the page. */
  const listen = async () => {
    for (let attempt = 0; ; attempt++) {
      const started = Date.now();
      try {
        await client.events(new AbortController().signal, showNotice);
      } catch (error) {
        if (error instanceof ChatError && (error.status === 403 || error.status === 404)) return;
      }
      if (Date.now() - started > 30_000) attempt = 0;
      await sleep(Math.min(30_000, 1_000 * 2 ** attempt));
    }
  };

  const start = () =>
    (started ??= (async () => {
      await client.startSession();
      renderHistory(await client.history());
      void listen(); // runs for the page's lifetime
    })().catch((error: unknown) => {
      started = undefined;
      showError(
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
    bubble('user', el('p', {}, label));
    const controller = new AbortController();
    running = controller;
    view.setStreaming(true);
    const reply = bubble('assistant');
    reply.setAttribute('aria-busy', 'true');
    const typing = el('p', { class: 'typing' }, 'Thinking');
    let texts = new Map<string, HTMLElement>();
    let parts: UiPart[] = [];
    const reset = () => {
      reply.replaceChildren(reply.firstChild ?? '', typing);
      texts = new Map();
      parts = [];
    };
    reset();
    const onChunk = (chunk: UiChunk) => {
      const id = String(chunk.id ?? '');
      if (chunk.type === 'start') reply.dataset.messageId = String(chunk.messageId);
      else if (chunk.type === 'text-start') {
        const p = el('p', {});
        texts.set(id, p);
        parts.push({ type: 'text', text: '' });
        reply.insertBefore(p, typing);
      } else if (chunk.type === 'text-delta') {
        const p = texts.get(id);
        p?.append(String(chunk.delta));
        const last = parts[parts.length - 1];
        if (last?.type === 'text') last.text = (last.text ?? '') + String(chunk.delta);
      } else if (chunk.type === 'message-metadata') {
        view.setBasicMode(Boolean((chunk.messageMetadata as { basicMode?: boolean }).basicMode));
      } else if (chunk.type === 'error') {
        reply.insertBefore(el('p', {}, String(chunk.errorText)), typing);
        parts.push({ type: 'text', text: String(chunk.errorText) });
      } else if (chunk.type === 'abort') {
        reply.insertBefore(el('p', { class: 'due' }, 'Stopped.'), typing);
      } else if (chunk.type === 'data-tool') {
        typing.textContent = 'Working on it';
      } else if (chunk.type.startsWith('data-') && !chunk.transient) {
        const part = { type: chunk.type, data: chunk.data };
        const node = renderPart(part, handlers);
        if (node) reply.insertBefore(node, typing);
        parts.push(part);
      }
      view.scrollToEnd();
    };

    let failure: string | undefined;
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      try {
        await client.send(messageId, message, controller.signal, onChunk);
        failure = undefined;
        break;
      } catch (error) {
        if (controller.signal.aborted) {
          failure = undefined;
          if (!reply.querySelector('.due')) reply.insertBefore(el('p', { class: 'due' }, 'Stopped.'), typing);
          break;
        }
        failure = error instanceof Error ? error.message : 'The connection dropped.';
        if (error instanceof ChatError && error.status >= 400 && error.status < 500) break; // retrying will not help
        reset(); // the same message id again: the server replays the stored answer instead of acting twice
        await sleep(500 * 2 ** attempt);
      }
    }
    typing.remove();
    reply.removeAttribute('aria-busy');
    running = undefined;
    view.setStreaming(false);
    if (failure !== undefined) {
      reply.remove();
      showError(`${failure} Your message was kept.`, () => void sendMessage(message, label, messageId));
      return;
    }
    const spoken = parts.map(partText).filter(Boolean).join(' ');
    if (spoken) view.announce(`${options.title}: ${spoken}`);
  };

  const open = () => {
    view.setOpen(true);
    view.input.focus();
    for (const id of unread) void client.markRead(id).catch(() => undefined); // unread again next visit at worst
    unread.clear();
    view.setBadge(0);
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
  view.proofCancel.addEventListener('click', () => {
    proofTask = undefined;
    view.proof.hidden = true;
    view.fileInput.value = '';
    view.input.focus();
  });
  view.input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      view.form.requestSubmit();
    }
  });
  view.form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });

  const submit = async () => {
    const text = view.input.value.trim();
    if (proofTask) {
      const file = view.fileInput.files?.[0];
      if (!text && !file) return showError('Add a few words or a photo as proof.');
      if (file && file.size > MAX_IMAGE_BYTES)
        return showError('That photo is too big; please pick one under 5 MB.');
      const imageDataUrl = file ? await readAsDataUrl(file) : undefined;
      const task = proofTask;
      proofTask = undefined;
      view.proof.hidden = true;
      view.fileInput.value = '';
      view.input.value = '';
      const label = `Proof for “${task.title}”: ${text}${file ? ' 📷' : ''}`;
      return sendMessage(
        { proof: { taskId: task.id, ...(text ? { text } : {}), ...(imageDataUrl ? { imageDataUrl } : {}) } },
        label,
      );
    }
    if (!text) return;
    view.input.value = '';
    return sendMessage({ text }, text);
  };

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
