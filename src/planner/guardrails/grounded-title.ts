// A model may add tasks only in the person's words. Small models, after a failed call, sometimes invent a task
// nobody asked for ("delete task tsk_…" → a new "Remind me to call mom", then completed for points). A new task's
// title must share at least one word with what the person said in this thread, what the assistant said to them, or
// their memory context; a title that shares none is refused back to the model, which then asks or uses their words.
// Titles are compared by the first letters of each word, so "movers" is grounded in "my move".

/** Words that carry no subject: they ground nothing ("Remind me to …" is grounded by what follows). */
const FILLER = new Set(
  (
    'the and for with from into onto that this then than them they their there your you our out off ' +
    'add new task tasks todo remind reminder reminders please can could would should will need needs want ' +
    'get got make take have has had not all any some one two today tomorrow tonight week day time'
  ).split(' '),
);

/** How many leading letters of a word are compared (plural and tense endings drop off). */
const STEM = 4;

/** The words of a title that carry its subject: three letters or more, no filler. */
export const subjectWords = (title: string): string[] =>
  (title.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter(
    (word) => word.length >= 3 && !FILLER.has(word),
  );

/**
 * True when a task title uses at least one of the person's words. A title of filler alone ("New task") is
 * grounded only by the person's own text containing it.
 */
export const titleIsGrounded = (title: string, personText: string): boolean => {
  const said = personText.toLowerCase();
  const words = subjectWords(title);
  if (words.length === 0) return said.includes(title.trim().toLowerCase());
  return words.some((word) => said.includes(word.slice(0, STEM)));
};

/** The titles a create call would add (create_task's one, create_tasks' several); empty for other tools. */
export const titlesOf = (name: string, args: Record<string, unknown>): string[] => {
  if (name === 'create_task') return typeof args.title === 'string' ? [args.title] : [];
  if (name !== 'create_tasks' || !Array.isArray(args.tasks)) return [];
  return args.tasks
    .map((task) => (task as { title?: unknown } | null)?.title)
    .filter((title): title is string => typeof title === 'string');
};

/** The result the model reads when a create call is refused: what to do instead. */
export const UNGROUNDED_NOTE =
  'Not added: nothing the person said names this task. Ask them what to add, or use their own words as the title.';

/**
 * True when a model's create call adds nothing the person asked for: every title is ungrounded (a brain dump
 * turned into several tasks is fine when any of them uses the person's words).
 */
export const isUngroundedCreate = (
  name: string,
  args: Record<string, unknown>,
  personText: string,
): boolean => {
  const titles = titlesOf(name, args);
  return titles.length > 0 && !titles.some((title) => titleIsGrounded(title, personText));
};
