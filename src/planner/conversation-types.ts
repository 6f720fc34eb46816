import { z } from 'zod';
import { ChannelSchema } from '../domain/index.js';

// The contract between the planner and every channel: what a person sends, what the assistant answers (as parts each
// channel renders its own way), and the events a streaming channel (web chat) receives while a turn runs.

/** A button press: the channel sends it back verbatim; the planner checks ids against the person's own data. */
export const ConversationActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('complete_task'), taskId: z.string().min(1).max(64) }),
  z.strictObject({
    type: z.literal('snooze_task'),
    taskId: z.string().min(1).max(64),
    minutes: z.number().int().min(1).max(10_080),
  }),
  z.strictObject({ type: z.literal('break_down'), taskId: z.string().min(1).max(64) }),
  z.strictObject({ type: z.literal('start_task'), taskId: z.string().min(1).max(64) }),
  /** Answers a confirmation the planner asked for (destructive actions); `token` names the pending action. */
  z.strictObject({ type: z.literal('confirm'), token: z.string().min(1).max(128) }),
  z.strictObject({ type: z.literal('cancel'), token: z.string().min(1).max(128) }),
]);
export type ConversationAction = z.infer<typeof ConversationActionSchema>;

/**
 * Proof of completion: text, an image, or both. Channels send the image as a data URL (png/jpeg/webp/gif); the
 * planner stores it once and the turn carries only its `imageId` from then on (never the bytes).
 */
export const ProofUploadSchema = z
  .strictObject({
    taskId: z.string().min(1).max(64),
    text: z.string().max(4_000).optional(),
    imageDataUrl: z
      .string()
      .max(8_000_000)
      .regex(/^data:image\/(?:png|jpeg|webp|gif);base64,[A-Za-z0-9+/=]+$/, 'must be a base64 image data URL')
      .optional(),
    imageId: z
      .string()
      .regex(/^img_[A-Za-z0-9_-]{27}$/, 'must be the id of a stored photo')
      .optional(),
  })
  .refine(
    (proof) => proof.text !== undefined || proof.imageDataUrl !== undefined || proof.imageId !== undefined,
    'send text, an image, or both',
  );
export type ProofUpload = z.infer<typeof ProofUploadSchema>;

export const IncomingMessageSchema = z.union([
  // NUL characters carry nothing, and PostgreSQL (the local store, decision 0013) cannot keep them in a document.
  z.strictObject({
    text: z
      .string()
      .overwrite((text) => text.replaceAll('\u0000', ''))
      .trim()
      .min(1)
      .max(4_000),
  }),
  z.strictObject({ action: ConversationActionSchema }),
  z.strictObject({ proof: ProofUploadSchema }),
]);
export type IncomingMessage = z.infer<typeof IncomingMessageSchema>;

export const ConverseInputSchema = z.strictObject({
  /** From authentication only (widget token, webhook identity, API token): never from message content. */
  userId: z.string().min(1),
  channel: ChannelSchema,
  /** One conversation per person, channel and thread; channels choose stable ids (e.g. the Slack thread ts). */
  threadId: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9._:-]+$/),
  /**
   * The channel's id for this incoming message (Twilio MessageSid, Slack event id, the widget's message id). A turn
   * with an id already answered returns the stored reply instead of acting twice.
   */
  messageId: z.string().min(1).max(128),
  message: IncomingMessageSchema,
});
export type ConverseInput = z.infer<typeof ConverseInputSchema>;

export const TaskSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  due: z.iso.datetime().nullable(),
  estimateMinutes: z.number().nullable(),
});
export type TaskSummary = z.infer<typeof TaskSummarySchema>;

export const ChoiceSchema = z.object({ label: z.string(), action: ConversationActionSchema });
export type Choice = z.infer<typeof ChoiceSchema>;

/** What the assistant says, as parts: SMS flattens them to text, Slack renders Block Kit, web renders components. */
export const ReplyPartSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('task_list'), title: z.string(), tasks: z.array(TaskSummarySchema) }),
  /** Buttons; `prompt` is shown above them. */
  z.object({ type: z.literal('choices'), prompt: z.string(), choices: z.array(ChoiceSchema) }),
  z.object({
    type: z.literal('celebration'),
    text: z.string(),
    pointsAwarded: z.number(),
    balance: z.number(),
    streakDays: z.number(),
  }),
]);
export type ReplyPart = z.infer<typeof ReplyPartSchema>;

/** How much room a channel's medium has for one reply; each channel states its own (src/channels/budgets.ts). */
export type ReplyBudget = {
  /** The most characters of plain text (two SMS segments, a Slack message, a chat bubble). */
  maxChars: number;
  /** Tasks shown per list. */
  maxListItems: number;
};

export const ReplySchema = z.object({
  /** The assistant message's id (stable: the same turn always yields the same id). */
  id: z.string(),
  threadId: z.string(),
  parts: z.array(ReplyPartSchema),
  /** The whole reply as plain text within the channel's budget: a fallback; channels render `parts` their own way. */
  text: z.string(),
  /** True when the basic (offline) brain answered. */
  basicMode: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type Reply = z.infer<typeof ReplySchema>;

/** Streamed while a turn runs; `text-delta`s concatenate to the reply's first text part. `done` comes last, once. */
export type ConverseEvent =
  | { type: 'start'; messageId: string }
  | { type: 'text-delta'; delta: string }
  | { type: 'part'; part: ReplyPart }
  | { type: 'tool'; name: string; status: 'started' | 'finished' | 'failed' }
  | { type: 'done'; reply: Reply }
  | { type: 'error'; message: string };

export type Conversation = {
  events: AsyncIterable<ConverseEvent>;
  /** Resolves with the final reply (also for callers that never read `events`). */
  reply: Promise<Reply>;
};

/** One stored message of a thread, for history after a reload. */
export const HistoryItemSchema = z.object({
  id: z.string(),
  role: z.enum(['user', 'assistant']),
  parts: z.array(ReplyPartSchema),
  createdAt: z.iso.datetime(),
});
export type HistoryItem = z.infer<typeof HistoryItemSchema>;

export type Conversations = {
  /** Runs one turn; `signal` stops it (the stop button): nothing further is sent and no tool call starts after it. */
  converse: (input: ConverseInput, options?: { signal?: AbortSignal }) => Conversation;
  /** The thread's messages, oldest first (at most `limit`, the most recent ones). */
  history: (
    userId: string,
    channel: ConverseInput['channel'],
    threadId: string,
    limit?: number,
  ) => Promise<HistoryItem[]>;
  close: () => Promise<void>;
};
