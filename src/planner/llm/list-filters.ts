// Small models fill every filter a read offers, with values of their own: the 1.5B local model looked for "I
// replied to jordan's email" with list_tasks, the words "errands", tags ["errands"], hasDue true, a made-up
// parentId and cursor, and a dueOn, dueFrom and dueTo of its own. The tool refused the clashing ones ("use dueOn or
// dueFrom/dueTo, not both", "this cursor does not fit this list"), and the rest found nothing, so the task was
// added again or never finished. A read only finds: a filter the person's words do not ask for is left out, so it
// finds more rather than nothing.

/** What the model's filters are checked against. */
export type ReadGrounds = {
  /** The person's message. */
  message: string;
  /** Everything the model read (ids and cursors from earlier results). */
  read: string;
  /** What the person said in the thread and the results the model read, without our instructions. */
  heard: string;
  /** Whether the message names a day or time. */
  saysWhen: boolean;
};

const DATE_FILTERS = ['dueOn', 'dueFrom', 'dueTo'];
/** `false` here means "no filter" to a small model, but narrows the list. */
const FALSE_MEANS_ANY = ['overdue', 'deleted', 'topLevel'];

/** True when the range's end is not after its start (or either is no date). */
const emptyRange = (from: unknown, to: unknown): boolean =>
  !(typeof from === 'string' && typeof to === 'string' && Date.parse(to) > Date.parse(from));

/** The tags the person named ("#work", "tagged work"); others are the model's guesses. */
const namedTags = (tags: unknown, message: string): string[] => {
  if (!Array.isArray(tags)) return [];
  const text = message.toLowerCase();
  const tagged = /\btag(?:s|ged)?\b/.test(text);
  return tags.filter(
    (tag): tag is string =>
      typeof tag === 'string' &&
      (text.includes(`#${tag.toLowerCase()}`) || (tagged && text.includes(tag.toLowerCase()))),
  );
};

/** True when every search word is, by its first four letters, in what was heard ("errands" for "jordan" is not). */
const heardQuery = (q: unknown, heard: string): boolean => {
  if (typeof q !== 'string') return true;
  const text = heard.toLowerCase();
  return (q.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []).every((word) => text.includes(word.slice(0, 4)));
};

/** A model's list_tasks arguments with only the filters the person's words and the read results ground. */
export const groundedListArgs = (
  name: string,
  args: Record<string, unknown>,
  { message, read, heard, saysWhen }: ReadGrounds,
): Record<string, unknown> => {
  if (name !== 'list_tasks') return args;
  const kept = { ...args };
  const { dueOn, dueFrom, dueTo } = args;
  const ranged = dueFrom !== undefined || dueTo !== undefined;
  const clash =
    (dueOn !== undefined && ranged) ||
    (dueFrom !== undefined && dueTo !== undefined && emptyRange(dueFrom, dueTo));
  if (!saysWhen || clash) for (const key of DATE_FILTERS) delete kept[key];
  if (kept.hasDue !== undefined && !/\b(?:due|deadlines?|dates?|dated)\b/i.test(message)) delete kept.hasDue;
  for (const key of FALSE_MEANS_ANY) if (kept[key] === false) delete kept[key];
  for (const key of ['parentId', 'cursor'])
    if (kept[key] !== undefined && !(typeof kept[key] === 'string' && read.includes(kept[key])))
      delete kept[key];
  if (kept.parentId !== undefined) delete kept.topLevel;
  if (!heardQuery(kept.q, heard)) delete kept.q;
  if (kept.tags !== undefined) {
    const tags = namedTags(kept.tags, message);
    if (tags.length > 0) kept.tags = tags;
    else delete kept.tags;
  }
  return Object.keys(kept).length === Object.keys(args).length ? args : kept;
};
