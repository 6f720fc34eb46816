import type { Channel } from '../domain/index.js';
import type { ChannelBudget } from './contract.js';

/**
 * Each medium's room for one reply: two SMS segments (the SMS channel shows 3 tasks and pages the rest with MORE),
 * a Slack message, a chat bubble, an email.
 * An adapter states its own `budget`; these also serve turns on a channel this node has not registered (evals,
 * tests, a node without that channel's settings), so the planner never needs to know a medium.
 */
export const CHANNEL_BUDGETS: Record<Channel, ChannelBudget> = {
  sms: { maxChars: 306, maxListItems: 12 },
  slack: { maxChars: 3_000, maxListItems: 10 },
  web: { maxChars: 4_000, maxListItems: 15 },
  email: { maxChars: 8_000, maxListItems: 25 },
};
