import type { ConversationAction } from '../../planner/conversation-types.js';
import type { InboxItem } from './web-inbox.js';

/** A reminder's button as the widget shows it: a conversation action to send, or words to say. */
export type InboxChoice = { label: string; action?: ConversationAction; text?: string };

/** Maps the notification buttons (done, snooze_15, break_down, ...) onto what the planner understands. */
export const inboxChoices = (item: InboxItem): InboxChoice[] =>
  item.actions.map(({ id, label }): InboxChoice => {
    const taskId = item.taskId;
    const snooze = /^snooze_(\d{1,4})$/.exec(id);
    if (taskId && id === 'done') return { label, action: { type: 'complete_task', taskId } };
    if (taskId && snooze)
      return { label, action: { type: 'snooze_task', taskId, minutes: Number(snooze[1]) } };
    if (taskId && id === 'break_down') return { label, action: { type: 'break_down', taskId } };
    if (taskId && id === 'start') return { label, action: { type: 'start_task', taskId } };
    return { label, text: label };
  });
