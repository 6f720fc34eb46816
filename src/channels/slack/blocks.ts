import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { OutboundMessage } from '../../domain/index.js';
import { notificationChoices } from '../notification-choices.js';
import {
  ConversationActionSchema,
  type ConversationAction,
  type Reply,
  type TaskSummary,
} from '../../planner/index.js';

type KnownBlock = types.KnownBlock;

/** Slack's own limits: 50 blocks a message, 3,000 characters a section, 75 a button label. */
export const SLACK_BUDGET = { maxListItems: 5, maxSectionChars: 2_900, maxBlocks: 50 } as const;

/** Every button we render starts with this, so one Bolt listener sees them all. */
export const ACTION_PREFIX = 'ff_';

/**
 * A button's value: the action, plus the id of the card it sits on. Two presses of one button on one card are one
 * message (`messageId`), so a double click acts once; the updated card has a new id, so its buttons act again.
 */
export const ButtonValueSchema = z.strictObject({
  a: ConversationActionSchema,
  c: z.string().min(1).max(64),
});
export type ButtonValue = z.infer<typeof ButtonValueSchema>;

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Slack mrkdwn treats &, < and > as markup; a task title must never become a link or a mention. */
export const escapeMrkdwn = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clip(text, SLACK_BUDGET.maxSectionChars) },
});

const button = (
  label: string,
  action: ConversationAction,
  card: string,
  index: number,
  style?: 'primary' | 'danger',
) => ({
  type: 'button' as const,
  action_id: `${ACTION_PREFIX}${index}`,
  text: { type: 'plain_text' as const, text: clip(label, 75) },
  value: JSON.stringify({ a: action, c: card } satisfies ButtonValue),
  ...(style ? { style } : {}),
});

/** The four buttons of a task card. */
export const taskButtons = (taskId: string): { label: string; action: ConversationAction }[] => [
  { label: 'Done', action: { type: 'complete_task', taskId } },
  { label: 'Snooze 15 min', action: { type: 'snooze_task', taskId, minutes: 15 } },
  { label: 'Break it down', action: { type: 'break_down', taskId } },
  { label: 'Start', action: { type: 'start_task', taskId } },
];

const dueText = (task: TaskSummary) =>
  task.due
    ? ` · due <!date^${Math.floor(Date.parse(task.due) / 1000)}^{date_short_pretty} {time}|${task.due}>`
    : '';

/** A planner reply as Block Kit: text sections, task cards with buttons, choices (confirmations) as buttons. */
export const replyBlocks = (reply: Reply): KnownBlock[] => {
  const blocks: KnownBlock[] = [];
  let index = 0;
  const card = reply.id.slice(-64);
  for (const part of reply.parts) {
    if (part.type === 'text') blocks.push(section(escapeMrkdwn(part.text)));
    if (part.type === 'celebration') {
      blocks.push(section(`:tada: ${escapeMrkdwn(part.text)}`));
      blocks.push({
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `+${part.pointsAwarded} points · ${part.balance} total · ${part.streakDays}-day streak`,
          },
        ],
      });
    }
    if (part.type === 'task_list') {
      blocks.push(section(`*${escapeMrkdwn(part.title)}*`));
      for (const task of part.tasks.slice(0, SLACK_BUDGET.maxListItems)) {
        blocks.push(section(`*${escapeMrkdwn(task.title)}*${dueText(task)}`));
        if (task.status === 'done') continue;
        blocks.push({
          type: 'actions',
          elements: taskButtons(task.id).map((b) => button(b.label, b.action, card, index++)),
        });
      }
      const more = part.tasks.length - SLACK_BUDGET.maxListItems;
      if (more > 0)
        blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${more} more` }] });
    }
    if (part.type === 'choices') {
      blocks.push(section(escapeMrkdwn(part.prompt)));
      blocks.push({
        type: 'actions',
        elements: part.choices.map((choice) =>
          button(
            choice.label,
            choice.action,
            card,
            index++,
            choice.action.type === 'confirm' ? 'danger' : undefined,
          ),
        ),
      });
    }
  }
  if (reply.basicMode) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: 'basic mode' }] });
  return blocks.slice(0, SLACK_BUDGET.maxBlocks);
};

/** A reminder or check-in as Block Kit; its buttons (done, snooze_15, ...) become conversation actions. */
export const notificationBlocks = (message: OutboundMessage, card: string): KnownBlock[] => {
  const blocks: KnownBlock[] = [section(`*${escapeMrkdwn(message.title)}*\n${escapeMrkdwn(message.text)}`)];
  // Buttons only for what the planner can act on; a plain "ok" has no place on a card.
  const actions = notificationChoices(message).flatMap((c) =>
    c.action ? [{ label: c.label, action: c.action }] : [],
  );
  if (actions.length > 0)
    blocks.push({
      type: 'actions',
      elements: actions.map((a, i) => button(a.label, a.action, card.slice(-64), i)),
    });
  return blocks;
};
