import { z } from 'zod';
import { AppError } from '../../shared/index.js';
import { IncomingMessageSchema, type IncomingMessage } from '../../planner/index.js';

const ThreadIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits, . _ : - only');
const MessageIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits, . _ : - only');

/** The widget's own body: one message with the id the browser gave it (re-sent unchanged after a dropped connection). */
const WidgetBodySchema = z.strictObject({
  threadId: ThreadIdSchema.optional(),
  messageId: MessageIdSchema,
  message: IncomingMessageSchema,
});

/** The body `useChat` (AI SDK 5+) sends: the whole conversation; the last user message is the new one. */
const UseChatBodySchema = z.object({
  id: z.string().max(128).optional(),
  trigger: z.string().optional(),
  messages: z
    .array(
      z.object({
        id: z.string().max(128),
        role: z.enum(['user', 'assistant', 'system']),
        parts: z
          .array(
            z.looseObject({ type: z.string(), text: z.string().optional(), data: z.unknown().optional() }),
          )
          .max(50),
      }),
    )
    .min(1)
    .max(500),
});

export type ChatRequest = { threadId: string; messageId: string; message: IncomingMessage };

export const DEFAULT_THREAD = 'widget';

const fromUseChat = (body: z.infer<typeof UseChatBodySchema>): ChatRequest => {
  const last = body.messages.findLast((m) => m.role === 'user');
  if (!last)
    throw new AppError('VALIDATION_FAILED', 'Invalid request. messages: there is no user message to answer.');
  const action = last.parts.find((p) => p.type === 'data-action');
  const proof = last.parts.find((p) => p.type === 'data-proof');
  const text = last.parts
    .filter((p) => p.type === 'text')
    .map((p) => p.text ?? '')
    .join('\n');
  const candidate = action ? { action: action.data } : proof ? { proof: proof.data } : { text };
  const message = IncomingMessageSchema.safeParse(candidate);
  if (!message.success)
    throw new AppError(
      'VALIDATION_FAILED',
      'Invalid request. The last user message has no text, action or proof.',
    );
  const threadId = ThreadIdSchema.safeParse(body.id).data ?? DEFAULT_THREAD;
  const messageId = MessageIdSchema.safeParse(last.id).data;
  if (!messageId)
    throw new AppError(
      'VALIDATION_FAILED',
      'Invalid request. messages: the message id must be letters, digits, . _ : - only.',
    );
  return { threadId, messageId, message: message.data };
};

/** Reads either body shape; `messages` marks a useChat client. */
export const parseChatRequest = (body: unknown): ChatRequest => {
  if (body && typeof body === 'object' && 'messages' in body)
    return fromUseChat(UseChatBodySchema.parse(body));
  const parsed = WidgetBodySchema.parse(body);
  return {
    threadId: parsed.threadId ?? DEFAULT_THREAD,
    messageId: parsed.messageId,
    message: parsed.message,
  };
};

export const HistoryQuerySchema = z.object({
  threadId: ThreadIdSchema.default(DEFAULT_THREAD),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
