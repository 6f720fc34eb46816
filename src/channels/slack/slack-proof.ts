import type { Redis } from 'ioredis';
import { z } from 'zod';
import { sniffImage } from '../../domain/index.js';
import type { Reply } from '../../planner/index.js';
import { AppError } from '../../shared/index.js';

/** The fields of a file in a `message` event (subtype `file_share`) that we use; Slack sends many more. */
export const SlackFileSchema = z.looseObject({
  id: z.string().min(1).max(64),
  mimetype: z.string().max(255).optional(),
  size: z.number().int().min(0).optional(),
  url_private_download: z.string().max(2_000).optional(),
  url_private: z.string().max(2_000).optional(),
});
export type SlackFile = z.infer<typeof SlackFileSchema>;

const PHOTO_TYPE = /^image\/(png|jpeg|webp|gif)$/i;
const FOCUS_SECONDS = 86_400;
const FETCH_TIMEOUT_MS = 15_000;

/** The first file Slack says is a photo we can check (png, jpeg, webp, gif), or null. */
export const photoIn = (files: SlackFile[]): SlackFile | null =>
  files.find((f) => PHOTO_TYPE.test(f.mimetype ?? '')) ?? null;

/**
 * Downloads a shared file with the bot token and returns it as a data URL for the proof path. The token only goes
 * to Slack's file host (or the SLACK_API_URL host); the declared size, the bytes read and the file's first bytes are
 * all checked, so a large or disguised file costs nothing and reaches no model.
 */
export const fetchSlackPhoto = async (
  file: SlackFile,
  options: { token: string; apiUrl: string; maxBytes: number },
): Promise<string> => {
  const tooLarge = new AppError('PAYLOAD_TOO_LARGE', 'That photo is too large.');
  if ((file.size ?? 0) > options.maxBytes) throw tooLarge;
  const url = file.url_private_download ?? file.url_private;
  let target: URL;
  try {
    target = new URL(url ?? '');
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', 'That file has no download link.', { cause: error });
  }
  const allowed = ['https://files.slack.com', new URL(options.apiUrl).origin];
  if (!allowed.includes(target.origin))
    throw new AppError('FORBIDDEN', 'That file is not on Slack, so our token is not sent there.');
  const res = await fetch(target, {
    headers: { authorization: `Bearer ${options.token}` },
    // A redirect would carry the token on; Slack serves a bot's files directly.
    redirect: 'manual',
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  if (!res.ok) throw new AppError('UNAVAILABLE', `Slack answered ${res.status} for the file.`);
  if (Number(res.headers.get('content-length') ?? 0) > options.maxBytes) throw tooLarge;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += (chunk as Uint8Array).length;
    if (size > options.maxBytes) throw tooLarge;
    chunks.push(Buffer.from(chunk as Uint8Array));
  }
  const bytes = Buffer.concat(chunks);
  // Slack's mimetype is what the uploader's client claimed: the bytes decide.
  const mime = sniffImage(bytes);
  if (!mime) throw new AppError('VALIDATION_FAILED', 'That file is not a photo.');
  return `data:${mime};base64,${bytes.toString('base64')}`;
};

/** The one task a reply is about (its buttons and open task cards), or null when it names none or several. */
export const taskOfReply = (reply: Pick<Reply, 'parts'>): string | null => {
  const ids = new Set<string>();
  for (const part of reply.parts) {
    if (part.type === 'choices')
      for (const choice of part.choices) if ('taskId' in choice.action) ids.add(choice.action.taskId);
    if (part.type === 'task_list') for (const t of part.tasks) if (t.status !== 'done') ids.add(t.id);
  }
  return ids.size === 1 ? ([...ids][0] ?? null) : null;
};

/**
 * Which task a photo in the DM proves: the one the person last saw a card, reminder or button for. Kept in Redis
 * per Slack user, so any node answers the same.
 */
export type ProofFocus = {
  remember: (teamId: string, slackUserId: string, taskId: string) => Promise<void>;
  current: (teamId: string, slackUserId: string) => Promise<string | null>;
};

export const createProofFocus = (redis: Redis, prefix: string): ProofFocus => {
  const key = (teamId: string, slackUserId: string) => `${prefix}:slack:focus:${teamId}:${slackUserId}`;
  return {
    remember: async (teamId, slackUserId, taskId) => {
      await redis.set(key(teamId, slackUserId), taskId, 'EX', FOCUS_SECONDS);
    },
    current: (teamId, slackUserId) => redis.get(key(teamId, slackUserId)),
  };
};
