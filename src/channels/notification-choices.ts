import type { OutboundMessage } from '../domain/notifications/notification-schemas.js';
import type { ConversationAction } from '../planner/index.js';

/** A reminder's or check-in's button as a channel shows it: a conversation action to send, or words to say. */
export type NotificationChoice = { label: string; action?: ConversationAction; text?: string };

const actionOf = (id: string, taskId: string): ConversationAction | null => {
  const snooze = /^snooze_(\d{1,4})$/.exec(id);
  if (snooze) return { type: 'snooze_task', taskId, minutes: Number(snooze[1]) };
  if (id === 'done') return { type: 'complete_task', taskId };
  if (id === 'break_down') return { type: 'break_down', taskId };
  if (id === 'start') return { type: 'start_task', taskId };
  return null;
};

/**
 * Maps a notification's buttons (done, snooze_15, break_down, start) onto what the planner understands, the same on
 * every channel; a button with no task, or one the planner has no action for, is said as its words.
 */
export const notificationChoices = (
  message: Pick<OutboundMessage, 'taskId' | 'actions'>,
): NotificationChoice[] =>
  message.actions.map(({ id, label }) => {
    const action = message.taskId ? actionOf(id, message.taskId) : null;
    return action ? { label, action } : { label, text: label };
  });
