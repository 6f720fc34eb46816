import type { UiMessage } from './client.js';
import { el } from './dom.js';
import { renderPart, type PartHandlers } from './parts.js';
import type { View } from './view.js';

/** The message log: speech bubbles, past messages and errors with a retry button. */
export const createTranscript = (view: View, title: string, handlers: PartHandlers) => {
  const bubble = (role: 'user' | 'assistant', ...children: Node[]) => {
    const node = el(
      'div',
      { class: `msg ${role}` },
      el('span', { class: 'who' }, role === 'user' ? 'You' : title),
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

  return { bubble, showError, renderHistory };
};

export type Transcript = ReturnType<typeof createTranscript>;
