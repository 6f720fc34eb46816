import { z } from 'zod';

/** What a message asks for, as the basic brain names it. */
export const IntentSchema = z.enum([
  'create_task',
  'list_tasks',
  'complete_task',
  'snooze',
  'reschedule',
  'log_mood',
  'break_down',
  'motivate',
  'points',
  'redeem',
  'remember',
  'forget',
  'help',
  'plan_day',
  'what_now',
  // conversation beyond single commands (issue 15): see conversation-rules.ts
  'vent',
  'chat',
  'review_day',
  'delete_task',
  'rename_task',
  'reopen_task',
  'focus',
  'end_focus',
  'recall',
  'mood_patterns',
  'rewards',
  // adding and verifying an email address (issue 22): email-rules.ts
  'email_address',
  'unknown',
]);
export type Intent = z.infer<typeof IntentSchema>;

/** An intent, its weight, and the pattern over normalised text that votes for it. */
export type Rule = [Intent, number, RegExp];
