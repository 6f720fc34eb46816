// Small models fill every filter a read offers: the 1.5B local model looked for "write project proposal" with
// list_tasks and a made-up dueOn, dueFrom and dueTo, and for steps with parentId and topLevel both. The tool
// refuses such a call ("use dueOn or dueFrom/dueTo, not both", "dueTo: must be after dueFrom"), and the person read
// the validation error instead of their task being started, finished or deleted. A read only finds; its clashing
// filters are left out, so it finds more rather than nothing.

const DATE_FILTERS = ['dueOn', 'dueFrom', 'dueTo'] as const;

/** True when the range's end is not after its start (or either is no date). */
const emptyRange = (from: unknown, to: unknown): boolean =>
  !(typeof from === 'string' && typeof to === 'string' && Date.parse(to) > Date.parse(from));

/** A model's list_tasks arguments without the filters that rule each other out; other calls as they are. */
export const withoutClashingFilters = (
  name: string,
  args: Record<string, unknown>,
): Record<string, unknown> => {
  if (name !== 'list_tasks') return args;
  const drop = new Set<string>();
  const { dueOn, dueFrom, dueTo, parentId, topLevel } = args;
  const ranged = dueFrom !== undefined || dueTo !== undefined;
  if (
    (dueOn !== undefined && ranged) ||
    (dueFrom !== undefined && dueTo !== undefined && emptyRange(dueFrom, dueTo))
  )
    for (const key of DATE_FILTERS) drop.add(key);
  if (parentId !== undefined && topLevel !== undefined) drop.add('topLevel');
  if (drop.size === 0) return args;
  return Object.fromEntries(Object.entries(args).filter(([key]) => !drop.has(key)));
};
