import { listTasks } from '../../domain/index.js';
import type { ToolContext } from '../tool.js';

const SUGGESTIONS = 20;

/**
 * Ids of the person's open tasks for a prompt's `taskId` as they type: what starts like an id (`task_…`) matches
 * ids by prefix; anything else is searched as words of the title or notes, so typing "dentist" offers that task.
 */
export const taskIdCompletions = async (ctx: ToolContext, value: string): Promise<string[]> => {
  const typed = value.trim();
  const byId =
    typed === '' || 'task_'.startsWith(typed.toLowerCase()) || typed.toLowerCase().startsWith('task_');
  const open = await listTasks(
    ctx.domain,
    ctx.actor,
    byId ? { limit: 100 } : { q: typed.slice(0, 200), limit: 100 },
  );
  return open.items
    .map((t) => t.id)
    .filter((id) => !byId || id.startsWith(typed))
    .slice(0, SUGGESTIONS);
};
