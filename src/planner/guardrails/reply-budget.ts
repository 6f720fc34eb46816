import type { Channel } from '../../domain/users/user-schemas.js';
import type { ReplyPart } from '../conversation-types.js';

/** The most characters of plain text a reply may have per channel: two SMS segments, a Slack message, a chat bubble. */
export const REPLY_BUDGET: Record<Channel, number> = { sms: 320, slack: 3_000, web: 4_000, email: 8_000 };
/** Tasks shown per list: a text message has room for a few only. */
// SMS keeps a dozen: the channel shows three and pages the rest with MORE (src/channels/sms/render-sms.ts).
const LIST_BUDGET: Record<Channel, number> = { sms: 12, slack: 10, web: 15, email: 25 };

/** Cuts at a sentence or word end within `max` characters, marking the cut with an ellipsis. */
export const truncate = (text: string, max: number): string => {
  if (text.length <= max) return text;
  const room = text.slice(0, Math.max(0, max - 1));
  const sentence = Math.max(room.lastIndexOf('. '), room.lastIndexOf('\n'));
  const word = room.lastIndexOf(' ');
  const cut = sentence > max * 0.6 ? sentence + 1 : word > max * 0.6 ? word : room.length;
  return `${room.slice(0, cut).trimEnd()}…`;
};

const flattenPart = (part: ReplyPart, channel: Channel): string => {
  switch (part.type) {
    case 'text':
      return part.text;
    case 'task_list':
      return part.tasks
        .map((t, i) => `${i + 1}. ${t.title}${t.estimateMinutes ? ` (${t.estimateMinutes} min)` : ''}`)
        .join('\n');
    case 'choices':
      return channel === 'sms'
        ? `${part.prompt} Reply ${part.choices.map((c) => `"${c.label.toLowerCase()}"`).join(' or ')}.`
        : `${part.prompt} ${part.choices.map((c) => `[${c.label}]`).join(' ')}`;
    case 'celebration':
      return part.text;
  }
};

/** Applies the channel's budgets: lists shortened, text parts cut, and the whole plain text within the limit. */
export const fitReply = (parts: ReplyPart[], channel: Channel): { parts: ReplyPart[]; text: string } => {
  const budget = REPLY_BUDGET[channel];
  const fitted = parts.map((part): ReplyPart => {
    if (part.type === 'text') return { ...part, text: truncate(part.text, budget) };
    if (part.type === 'task_list') return { ...part, tasks: part.tasks.slice(0, LIST_BUDGET[channel]) };
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
    .map((p) => flattenPart(p, channel))
    .filter((s) => s.length > 0)
    .join('\n');
  return { parts: fitted, text: truncate(plain, budget) };
};
