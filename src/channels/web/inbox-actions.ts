import { notificationChoices, type NotificationChoice } from '../notification-choices.js';
import type { InboxItem } from './web-inbox.js';

/** A reminder's button as the widget shows it: a conversation action to send, or words to say. */
export type InboxChoice = NotificationChoice;

/** The widget's buttons for an inbox item: the same mapping every channel uses. */
export const inboxChoices = (item: InboxItem): InboxChoice[] => notificationChoices(item);
