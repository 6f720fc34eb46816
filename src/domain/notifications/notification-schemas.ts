import { z } from 'zod';
import { ChannelSchema } from '../users/user-schemas.js';

export const NotificationKindSchema = z.enum([
  'reminder',
  'escalation',
  'focus_end',
  'start_checkback',
  'morning_plan',
  'evening_review',
  'checkin',
  'task_created',
  'task_completed',
  'daily_digest',
  /** A one-time code for the OAuth consent page (connecting an MCP app); sent straight, never queued. */
  'sign_in_code',
  /** The code that proves an email address (sent straight to that address, never queued). */
  'email_verification',
  /** Told once in the web inbox when the person's email address bounced. */
  'email_bounced',
]);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;

/** Proactive messages count toward the person's daily nudge cap; answers to their own actions do not. */
export const isNudge = (kind: NotificationKind): boolean =>
  !['task_created', 'task_completed', 'sign_in_code', 'email_verification', 'email_bounced'].includes(kind);

/** A button the person can press where the channel supports it ("Done", "Snooze 15 min"). */
export const NotificationActionSchema = z.object({ id: z.string().max(64), label: z.string().max(40) });

/** What a channel sends: short text for SMS, richer for Slack/web/email. Never carries secrets. */
export const OutboundMessageSchema = z.object({
  kind: NotificationKindSchema,
  title: z.string().max(120),
  text: z.string().max(1000),
  taskId: z.string().nullable().default(null),
  actions: z.array(NotificationActionSchema).max(5).default([]),
  /** Template data for richer renderings (email HTML); strings and numbers only. */
  data: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export type OutboundMessage = z.infer<typeof OutboundMessageSchema>;

export const DeliveryStatusSchema = z.enum(['sending', 'sent', 'deferred', 'failed', 'cancelled']);
export type DeliveryStatus = z.infer<typeof DeliveryStatusSchema>;

export const NotificationLogEntrySchema = z.object({
  id: z.string(),
  kind: NotificationKindSchema,
  channel: ChannelSchema,
  status: DeliveryStatusSchema,
  title: z.string(),
  attempts: z.number().int(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable(),
});
export type NotificationLogEntry = z.infer<typeof NotificationLogEntrySchema>;
