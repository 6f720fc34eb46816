import type { IncomingMessage } from '../../planner/index.js';
import { isAppError, type Logger } from '../../shared/index.js';
import type { SlackClients } from './slack-clients.js';
import type { SlackMessage } from './slack-message.js';
import { fetchSlackPhoto, photoIn, type ProofFocus } from './slack-proof.js';

const PHOTO_ONLY = 'I can only take photos (JPEG, PNG, GIF or WebP) as proof.';
const WHICH_TASK =
  'Thanks for the photo! Which task does it prove? Ask me "what now?" or press a button on a task, then send it again.';
const TOO_LARGE = 'That photo is too large for me. Could you send a smaller one?';
const UNREADABLE = "I couldn't open that photo. Could you send it again (JPEG, PNG, GIF or WebP)?";

export type ProofIntakeDeps = {
  clients: SlackClients;
  logger: Logger;
  /** The task a photo in the DM proves. */
  focus: ProofFocus;
  /** SLACK_API_URL: shared files are only fetched from Slack's file host or this host. */
  apiUrl: string;
  /** PROOF_IMAGE_MAX_BYTES. */
  proofImageMaxBytes: number;
};

/**
 * A photo in the DM: fetched with the bot token, checked, and sent to the planner as proof for the task in focus.
 * Null when it cannot be: the person has been told why in the DM, and no turn runs.
 */
export const proofMessageFrom = async (
  deps: ProofIntakeDeps,
  m: SlackMessage,
  caption: string,
): Promise<IncomingMessage | null> => {
  const client = await deps.clients.forTeam(m.teamId);
  const say = async (text: string) => {
    await client.chat.postMessage({
      channel: m.channel,
      text,
      ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    });
    return null;
  };
  const photo = photoIn(m.files);
  if (!photo) return say(PHOTO_ONLY);
  const taskId = await deps.focus.current(m.teamId, m.user);
  if (!taskId) return say(WHICH_TASK);
  try {
    const imageDataUrl = await fetchSlackPhoto(photo, {
      token: client.token ?? '',
      apiUrl: deps.apiUrl,
      maxBytes: deps.proofImageMaxBytes,
    });
    return { proof: { taskId, ...(caption ? { text: caption } : {}), imageDataUrl } };
  } catch (error) {
    deps.logger.info({ err: (error as Error).message, fileId: photo.id }, 'slack proof photo refused');
    return say(isAppError(error) && error.code === 'PAYLOAD_TOO_LARGE' ? TOO_LARGE : UNREADABLE);
  }
};
