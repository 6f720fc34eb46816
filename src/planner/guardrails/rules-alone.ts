import { isEmailCodeMessage, type Understanding } from '../../agents/index.js';
import type { PlannerStateType } from '../graph/state.js';
import { planReference } from '../offline/references.js';

/**
 * Messages with one meaning that the rules carry out without asking the model, whose words would add nothing:
 * - only an email code ("verify 482913"): the model need not see the code (the 1.5B local model answered it with a
 *   suggestion and the person's profile as JSON);
 * - an explicit request to break a task down (below);
 * - a short reply about the task just talked about ("ok let's start it", "actually make it tomorrow at 11", "never
 *   mind, delete that one"; offline/references.ts): only the planner knows which task that is, since the model reads
 *   earlier turns as words without ids. The 1.5B local model started a made-up id, added the task again as a step
 *   of itself instead of moving it, and said "Deleted" after only suggesting the next task.
 */
export const byRulesAlone = (
  text: string,
  state: Pick<PlannerStateType, 'lastTaskId'>,
  reading: Understanding,
): boolean => {
  if (isEmailCodeMessage(text)) return true;
  if (state.lastTaskId !== null && planReference(text, reading) !== null) return true;
  return asksForBreakdown(text, reading) && (reading.slots.taskRef !== null || state.lastTaskId !== null);
};

/**
 * "break down the tax thing", "can you break it down for me", "break my thesis into smaller steps": one request for
 * the breakdown tool, whose chain writes the steps with the person's memories; the planner's model only has to
 * pick that tool and the task, which the rules do surely. The 1.5B local model asked what "the tax thing" was, or
 * wrote steps as text that nothing could save. A message with more in it ("..., and add buy milk") is the model's.
 */
const asksForBreakdown = (text: string, reading: Understanding): boolean =>
  reading.intent === 'break_down' &&
  /\bbreak\b[^,;]*\bdown\b|\binto (?:smaller |small |tiny |little |baby )?(?:steps|pieces|chunks|parts)\b/i.test(
    text,
  ) &&
  !/[,;]|\b(?:and|then|also|plus)\b/i.test(text);

/**
 * "delete pay rent": the rules find the task by its name, and the delete still waits for the person's yes. The
 * 1.5B local model sent delete_task on a made-up id; the person was asked "Delete this task?", said yes, and read
 * "I couldn't find that task".
 */
export const deletesByName = (reading: Understanding): boolean =>
  reading.intent === 'delete_task' && reading.confidence >= 0.75 && reading.slots.taskRef !== null;
