import { el, focusable } from './dom.js';

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
/** The round button that opens the panel, with its unread badge. */
export const buildLauncher = (title: string) => {
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
  return { launcher, badge };
};

/** The panel's title bar: points, basic-mode note, close button. */
export const buildHeader = (title: string) => {
  const points = el('span', { class: 'points', 'aria-live': 'off' });
  const mode = el('span', { class: 'mode' });
  const close = el(
    'button',
    { type: 'button', class: 'icon', 'aria-label': 'Close chat' },
    el('span', { 'aria-hidden': 'true' }, '×'),
  );
  const header = el('header', {}, el('h2', { id: 'ff-title' }, title), points, mode, close);
  return { header, points, mode, close };
};

export const buildLog = () => {
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
  return { log, announcer };
};

/** The message form: the proof box (hidden until asked for), the text box, Send and Stop, and the keyboard hint. */
export const buildComposer = () => {
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

  return { form, input, send, stop, proof, proofLabel, fileInput, proofCancel, hint };
};

/** Full-screen on a phone is modal: keep Tab inside until Escape or the close button. */
export const trapFocusOnSmallScreens = (
  panel: HTMLElement,
  shadow: ShadowRoot,
  isSmallScreen: () => boolean,
) => {
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
};
