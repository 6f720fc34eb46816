import type { ConversationAction, ReplyPart, TaskSummary } from '../../planner/index.js';
import type { OutboundMessage } from '../../domain/index.js';
import { notificationChoices } from '../notification-choices.js';
import {
  capacityOf,
  encodingOf,
  segmentCount,
  toPlainPunctuation,
  truncateToUnits,
  unitsOf,
} from './segments.js';

/** Every text FocusForge sends fits this many segments (cost and readability: a third part often arrives late). */
export const SMS_MAX_SEGMENTS = 2;
/** Tasks shown per list; "MORE" shows the next ones. */
export const SMS_LIST_SIZE = 3;

/** A numbered option: a bare "1" sends its action (or its words) as the person's next message, or picks a zone. */
export type SmsChoice = { label: string; action?: ConversationAction; text?: string; zone?: string };

/** A text ready to send, and what the person's short answers to it mean. */
export type RenderedSms = { body: string; choices: SmsChoice[]; more: TaskSummary[] };

// How a choice reads in "Reply 1 ..." where the label alone would read oddly.
const PHRASES: Record<string, string> = { 'did it': "when you've started" };

const choiceLine = (choices: SmsChoice[]): string => {
  if (choices.length === 0) return '';
  const options = choices.map((c, i) => {
    const label = c.label.toLowerCase();
    return `${i + 1} ${PHRASES[label] ?? `for ${label}`}`;
  });
  return `Reply ${options.join(', ')}.`;
};

const listLines = (tasks: TaskSummary[]): string =>
  tasks.map((t) => `- ${t.title}${t.estimateMinutes ? ` (${t.estimateMinutes} min)` : ''}`).join('\n');

/** A task list page: the first few, and how to see the rest. */
export const renderList = (title: string, tasks: TaskSummary[]): { text: string; more: TaskSummary[] } => {
  const shown = tasks.slice(0, SMS_LIST_SIZE);
  const more = tasks.slice(SMS_LIST_SIZE);
  const head = tasks.length > 1 && title ? `${title}:\n` : '';
  const tail = more.length > 0 ? `\n(${more.length} more: reply MORE)` : '';
  return { text: `${head}${listLines(shown)}${tail}`, more };
};

/** Joins body and the answer line within the segment budget; the answer line is the last thing to go. */
export const fitSms = (body: string, choices: SmsChoice[], more: TaskSummary[]): RenderedSms => {
  const line = choiceLine(choices);
  const plain = toPlainPunctuation(body).trim();
  const joined = [plain, line].filter(Boolean).join('\n');
  if (segmentCount(joined) <= SMS_MAX_SEGMENTS) return { body: joined, choices, more };
  const encoding = encodingOf(joined);
  const room = capacityOf(encoding, SMS_MAX_SEGMENTS) - (line ? unitsOf(line, encoding) + 1 : 0);
  const text = truncateToUnits(plain, encoding, room);
  return { body: [text, line].filter(Boolean).join('\n'), choices, more };
};

/** A planner reply as one text message: plain text, a short list, numbered options. */
export const renderReply = (parts: ReplyPart[]): RenderedSms => {
  const lines: string[] = [];
  let choices: SmsChoice[] = [];
  let more: TaskSummary[] = [];
  for (const part of parts) {
    if (part.type === 'text' && part.text.trim()) lines.push(part.text.trim());
    if (part.type === 'celebration' && !lines.some((l) => l.includes(part.text))) lines.push(part.text);
    if (part.type === 'task_list' && part.tasks.length > 0) {
      // A one-task list repeats what the text already says ("Added X").
      if (part.tasks.length === 1 && lines.some((l) => l.includes(part.tasks[0]!.title))) continue;
      const list = renderList(part.title, part.tasks);
      lines.push(list.text);
      more = list.more;
    }
    if (part.type === 'choices') {
      // The last question asked is the one a bare number answers.
      if (part.prompt && !lines.some((l) => l.includes(part.prompt))) lines.push(part.prompt);
      choices = part.choices.map((c) => ({ label: c.label, action: c.action }));
    }
  }
  return fitSms(lines.join('\n'), choices, more);
};

/** A reminder, check-in or escalation as a text message. */
export const renderNotification = (message: OutboundMessage): RenderedSms =>
  fitSms(message.text || message.title, notificationChoices(message), []);
