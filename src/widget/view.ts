import { el, focusable } from './dom.js';
import { widgetStyles } from './styles.js';

const SVG = 'http://www.w3.org/2000/svg';
/** A speech bubble drawn inline: emoji fonts are missing on many systems. */
const chatIcon = () => {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '28');
  svg.setAttribute('height', '28');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z');
  svg.append(path);
  return svg;
};

export type ViewOptions = { title: string; accent: string };

/** The widget's DOM inside an open shadow root: launcher, dialog panel, message log, composer. */
export const buildView = ({ title, accent }: ViewOptions) => {
  const host = el('div', { id: 'focusforge-widget' });
  const shadow = host.attachShadow({ mode: 'open' });
  const style = el('style', {}, widgetStyles(accent));

  const badge = el('span', { class: 'badge', hidden: true });
  const launcher = el(
    'button',
    {
      type: 'button',
      class: 'launcher',
      'aria-expanded': 'false',
      'aria-controls': 'ff-panel',
      'aria-label': `Open ${title} chat`,
    },
    chatIcon(),
    badge,
  );

  const points = el('span', { class: 'points', 'aria-live': 'off' });
  const mode = el('span', { class: 'mode' });
  const close = el(
    'button',
    { type: 'button', class: 'icon', 'aria-label': 'Close chat' },
    el('span', { 'aria-hidden': 'true' }, '×'),
  );
  const header = el('header', {}, el('h2', { id: 'ff-title' }, title), points, mode, close);

  // role=log, but not live itself: streamed deltas would be read out piece by piece. `announcer` speaks once per message.
  const log = el('div', {
    class: 'log',
    role: 'log',
    'aria-live': 'off',
    'aria-labelledby': 'ff-title',
    tabindex: '0',
  });
  const announcer = el('div', {
    class: 'sr-only',
    role: 'status',
    'aria-live': 'polite',
    'aria-atomic': 'true',
  });

  const proofLabel = el('span', {});
  const fileInput = el('input', {
    type: 'file',
    id: 'ff-proof-file',
    accept: 'image/png,image/jpeg,image/webp,image/gif',
  });
  const proofCancel = el(
    'button',
    { type: 'button', class: 'icon', 'aria-label': 'Cancel proof' },
    el('span', { 'aria-hidden': 'true' }, '×'),
  );
  const proof = el(
    'div',
    { class: 'proof', hidden: true },
    proofLabel,
    el('label', { for: 'ff-proof-file' }, 'Photo (optional):'),
    fileInput,
    proofCancel,
  );

  const input = el('textarea', {
    id: 'ff-input',
    rows: '1',
    placeholder: 'Type a message…',
    autocomplete: 'off',
  });
  const send = el('button', { type: 'submit', class: 'send' }, 'Send');
  const stop = el('button', { type: 'button', class: 'stop', hidden: true }, 'Stop');
  const form = el(
    'form',
    {},
    proof,
    el(
      'div',
      { class: 'row' },
      el('label', { for: 'ff-input', class: 'sr-only' }, 'Message'),
      input,
      send,
      stop,
    ),
  );
  const hint = el(
    'p',
    { class: 'sr-only', id: 'ff-hint' },
    'Enter sends, Shift+Enter adds a line, Escape closes the chat.',
  );
  input.setAttribute('aria-describedby', 'ff-hint');

  const panel = el(
    'div',
    { class: 'panel', id: 'ff-panel', role: 'dialog', 'aria-labelledby': 'ff-title', hidden: true },
    header,
    log,
    form,
    hint,
    announcer,
  );
  shadow.append(style, el('div', { class: 'root' }, launcher, panel));

  const isSmallScreen = () => window.matchMedia('(max-width: 480px)').matches;

  // Full-screen on a phone is modal: keep Tab inside until Escape or the close button.
  panel.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab' || !isSmallScreen()) return;
    const items = focusable(panel);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    const active = shadow.activeElement;
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  });

  return {
    host,
    launcher,
    panel,
    log,
    input,
    form,
    send,
    stop,
    close,
    proof,
    proofLabel,
    fileInput,
    proofCancel,
    isOpen: () => !panel.hidden,
    setOpen: (open: boolean) => {
      panel.hidden = !open;
      launcher.setAttribute('aria-expanded', String(open));
      launcher.setAttribute('aria-label', `${open ? 'Close' : 'Open'} ${title} chat`);
      if (open && isSmallScreen()) panel.setAttribute('aria-modal', 'true');
      else panel.removeAttribute('aria-modal');
    },
    setStreaming: (streaming: boolean) => {
      send.hidden = streaming;
      stop.hidden = !streaming;
    },
    setBadge: (count: number) => {
      badge.hidden = count === 0;
      badge.textContent = count > 0 ? String(count) : '';
      launcher.setAttribute(
        'aria-label',
        count > 0 ? `Open ${title} chat, ${count} new` : `Open ${title} chat`,
      );
    },
    setPoints: (balance: number) => {
      points.textContent = `${balance} points`;
    },
    setBasicMode: (basic: boolean) => {
      mode.textContent = basic ? 'basic mode' : '';
    },
    announce: (text: string) => {
      // Clearing first makes a repeat of the same words announce again.
      announcer.textContent = '';
      window.setTimeout(() => (announcer.textContent = text), 50);
    },
    scrollToEnd: () => {
      log.scrollTop = log.scrollHeight;
    },
  };
};
export type View = ReturnType<typeof buildView>;
