// A small model sometimes finishes what it just added: the 1.5B local model answered "every weekday at 8 take meds"
// with create_task and then complete_task on the new id, and the person read "Added Take meds... Done! +12 points"
// for a task they had not started. A task added in this turn is completed in it only when the person's words say it
// is done ("add the laundry, I already did it").

/** Words by which a person says the thing is already done. */
const SAYS_DONE =
  /\b(?:done|did|finished|completed?|already|mark(?:ed)? (?:it |that |as )?(?:done|complete)|check(?:ed)? (?:it )?off|tick(?:ed)? (?:it )?off)\b/i;

/** The result the model reads instead: what to do. */
export const JUST_ADDED_NOTE =
  'Not completed: this task was added a moment ago in this turn and the person did not say it is done. ' +
  'Answer the person now.';

type Outcome = { name: string; ok: boolean; data: unknown };

/** The ids of tasks this turn's results added. */
const addedIds = (results: Outcome[]): Set<string> => {
  const ids = new Set<string>();
  for (const result of results) {
    if (!result.ok) continue;
    const data = result.data as { id?: unknown; items?: { id?: unknown }[] } | null;
    if (result.name === 'create_task' && typeof data?.id === 'string') ids.add(data.id);
    if (result.name === 'create_tasks')
      for (const item of data?.items ?? []) if (typeof item.id === 'string') ids.add(item.id);
  }
  return ids;
};

/** True when a complete_task would finish a task added earlier this turn that the person never said is done. */
export const completesJustAdded = (
  name: string,
  args: Record<string, unknown>,
  results: Outcome[],
  message: string,
): boolean =>
  name === 'complete_task' &&
  typeof args.taskId === 'string' &&
  addedIds(results).has(args.taskId) &&
  !SAYS_DONE.test(message);
