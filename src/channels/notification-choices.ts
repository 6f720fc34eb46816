import type { OutboundMessage } from '../domain/index.js';
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
 * What a focus block's buttons say on the person's behalf: its label alone ("Done") would read as finishing a task.
 * The block's length comes from the message's data where the channel keeps it.
 */
const focusWordsOf = (id: string, data: OutboundMessage['data'] | undefined): string | null => {
  if (id === 'focus_complete') return "I've finished the focus block";
  const minutes = data?.plannedMinutes;
  if (id === 'focus_again')
    return typeof minutes === 'number' ? `Another ${minutes} minute focus block` : 'Another focus block';
  return null;
};

/**
 * Maps a notification's buttons (done, snooze_15, break_down, start; a focus block's two) onto what the planner
 * understands, the same on every channel; a button with no task, or one the planner has no action for, is said as
 * its words.
 */
export const notificationChoices = (
  message: Pick<OutboundMessage, 'taskId' | 'actions'> & { data?: OutboundMessage['data'] },
): NotificationChoice[] =>
  message.actions.map(({ id, label }) => {
    const action = message.taskId ? actionOf(id, message.taskId) : null;
    return action ? { label, action } : { label, text: focusWordsOf(id, message.data) ?? label };
  });
