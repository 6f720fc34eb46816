import type { UiChunk, UiPart } from './client.js';
import { el } from './dom.js';
import { partText, renderPart, type PartHandlers } from './parts.js';
import type { Transcript } from './transcript.js';
import type { View } from './view.js';

/** The assistant's bubble for one turn, filled from the streamed chunks, with a typing line until it ends. */
export const createStreamingReply = (view: View, transcript: Transcript, handlers: PartHandlers) => {
  const reply = transcript.bubble('assistant');
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

  return {
    onChunk,
    /** Empties the bubble for a fresh attempt at the same message. */
    reset,
    /** The person stopped the turn (said once, whether or not the server said it too). */
    markStopped: () => {
      if (!reply.querySelector('.due')) reply.insertBefore(el('p', { class: 'due' }, 'Stopped.'), typing);
    },
    finish: () => {
      typing.remove();
      reply.removeAttribute('aria-busy');
    },
    remove: () => reply.remove(),
    /** What a screen reader announces once the reply is complete. */
    spokenText: () => parts.map(partText).filter(Boolean).join(' '),
  };
};

export type StreamingReply = ReturnType<typeof createStreamingReply>;
