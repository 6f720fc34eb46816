import { el } from './dom.js';
import {
  buildComposer,
  buildHeader,
  buildLauncher,
  buildLog,
  trapFocusOnSmallScreens,
} from './view-parts.js';
import { widgetStyles } from './styles.js';

export type ViewOptions = { title: string; accent: string };

/** The widget's DOM inside an open shadow root: launcher, dialog panel, message log, composer. */
export const buildView = ({ title, accent }: ViewOptions) => {
  const host = el('div', { id: 'focusforge-widget' });
  const shadow = host.attachShadow({ mode: 'open' });
  const style = el('style', {}, widgetStyles(accent));

  const { launcher, badge } = buildLauncher(title);
  const { header, points, mode, close } = buildHeader(title);
  const { log, announcer } = buildLog();
  const { form, input, send, stop, proof, proofLabel, fileInput, proofCancel, hint } = buildComposer();

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
  trapFocusOnSmallScreens(panel, shadow, isSmallScreen);

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
