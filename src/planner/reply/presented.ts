import { DateTime } from 'luxon';
import type { ReplyPart } from '../conversation-types.js';

/** What one tool outcome adds to a reply: lines of text, parts, and the task it was about. */
export type Presented = { lines: string[]; parts: ReplyPart[]; taskId?: string | null };

/**
 * "Wed 11 Mar, 5:00 PM" (or "Wed 11 Mar" for an all-day task), in the task's own zone: a task result carries its
 * due time with the person's offset, never UTC.
 */
export const dueWords = (task: { allDay?: unknown; dueDate?: unknown; dueAt?: unknown }): string | null =>
  task.allDay && task.dueDate
    ? DateTime.fromISO(String(task.dueDate)).toFormat('ccc d LLL')
    : task.dueAt
      ? DateTime.fromISO(String(task.dueAt), { setZone: true }).toFormat('ccc d LLL, h:mm a')
      : null;
