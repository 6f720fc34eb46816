import type { ReplyBudget, ReplyPart } from '../conversation-types.js';

/** Cuts at a sentence or word end within `max` characters, marking the cut with an ellipsis. */
export const truncate = (text: string, max: number): string => {
  if (text.length <= max) return text;
  const room = text.slice(0, Math.max(0, max - 1));
  const sentence = Math.max(room.lastIndexOf('. '), room.lastIndexOf('\n'));
  const word = room.lastIndexOf(' ');
  const cut = sentence > max * 0.6 ? sentence + 1 : word > max * 0.6 ? word : room.length;
  return `${room.slice(0, cut).trimEnd()}…`;
};

/** One part as plain text: the fallback a channel may send as is; each channel renders the parts its own way. */
const flattenPart = (part: ReplyPart): string => {
  switch (part.type) {
    case 'text':
      return part.text;
    case 'task_list':
      return part.tasks
        .map((t, i) => `${i + 1}. ${t.title}${t.estimateMinutes ? ` (${t.estimateMinutes} min)` : ''}`)
        .join('\n');
    case 'choices':
      return `${part.prompt} ${part.choices.map((c) => `[${c.label}]`).join(' ')}`;
    case 'celebration':
      return part.text;
  }
};

/**
 * Fits a reply into the budget its channel states: lists shortened, text parts cut, and the whole plain-text
 * fallback within the limit.
 */
export const fitReply = (parts: ReplyPart[], budget: ReplyBudget): { parts: ReplyPart[]; text: string } => {
  const fitted = parts.map((part): ReplyPart => {
    if (part.type === 'text') return { ...part, text: truncate(part.text, budget.maxChars) };
    if (part.type === 'task_list') return { ...part, tasks: part.tasks.slice(0, budget.maxListItems) };
    return part;
  });
  // A celebration repeats what the text already says on a plain-text channel.
  const plain = fitted
    .filter(
      (p, i) =>
        !(
          p.type === 'celebration' &&
          fitted.some((q, j) => j < i && q.type === 'text' && q.text.includes(p.text))
        ),
    )
    .map(flattenPart)
    .filter((s) => s.length > 0)
    .join('\n');
  return { parts: fitted, text: truncate(plain, budget.maxChars) };
};
