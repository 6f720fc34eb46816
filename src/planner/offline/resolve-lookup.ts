import type { ConversationAction, ReplyPart } from '../conversation-types.js';
import { clockOffset } from '../../agents/index.js';
import type { PlannedCall } from '../graph/state.js';
import type { CallResult } from '../tools/tool-hub.js';

export type Lookup =
  /** `note` says what the lookup itself did (a task it added). */
  | { found: true; args: Record<string, unknown>; title: string | null; note?: string }
  | { found: false; line: string; parts: ReplyPart[] };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- shapes checked by each tool's output schema
type Data = any;
type Call = (name: string, args: Record<string, unknown>) => Promise<CallResult>;

const STOP_WORDS = new Set([
  'the',
  'a',
  'an',
  'my',
  'task',
  'that',
  'this',
  'one',
  'to',
  'for',
  'of',
  'it',
  'with',
  'on',
  'thing',
  'stuff',
]);
const keywords = (words: string) =>
  words
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w));

const buttonFor = (tool: string, taskId: string): ConversationAction | null => {
  switch (tool) {
    case 'complete_task':
      return { type: 'complete_task', taskId };
    case 'break_down_task':
      return { type: 'break_down', taskId };
    case 'start_task':
      return { type: 'start_task', taskId };
    case 'snooze_task':
      return { type: 'snooze_task', taskId, minutes: 30 };
    default:
      return null;
  }
};

const pickTask = (tool: string, tasks: Data[], prompt: string): Lookup => {
  const choices = tasks
    .map((t) => ({ label: String(t.title).slice(0, 60), action: buttonFor(tool, String(t.id)) }))
    .filter((c): c is { label: string; action: ConversationAction } => c.action !== null);
  return {
    found: false,
    line: prompt,
    parts: choices.length > 0 ? [{ type: 'choices', prompt, choices }] : [],
  };
};

type TaskLookup = NonNullable<PlannedCall['lookup']>;

const ORDINALS: Record<string, number> = {
  first: 0,
  '1st': 0,
  second: 1,
  '2nd': 1,
  third: 2,
  '3rd': 2,
  next: 0,
};
const stepPattern = /^(?:the )?(first|1st|second|2nd|third|3rd|next|last) (?:step|subtask|bit|part)$/i;

/** "the first step", "the next step": a step of the task last talked about (or of its parent, if that was a step). */
const findStep = async (
  call: PlannedCall,
  which: string,
  lastTaskId: string | null,
  run: Call,
): Promise<Lookup | null> => {
  if (!lastTaskId) return null;
  const last = await run('get_task', { taskId: lastTaskId });
  const parentId: string = last.ok ? ((last.data as Data).parentId ?? lastTaskId) : lastTaskId;
  const steps = await run('list_tasks', { parentId, limit: 20 });
  const items: Data[] = steps.ok ? (steps.data as Data).items : [];
  const step = which === 'last' ? items.at(-1) : items[ORDINALS[which] ?? 0];
  return step ? { found: true, args: { ...call.args, taskId: step.id }, title: step.title } : null;
};

const search = async (run: Call, q: string, lookup: TaskLookup): Promise<Data[]> => {
  const { status, deleted } = lookup;
  const page = await run('list_tasks', {
    q,
    limit: 5,
    ...(status ? { status } : {}),
    ...(deleted ? { deleted: true } : {}),
  });
  return page.ok ? (page.data as Data).items : [];
};

const listPattern =
  /^(?:the )?(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last) (?:one|task|thing)$/i;
const LIST_ORDINALS: Record<string, number> = { ...ORDINALS, fourth: 3, '4th': 3, fifth: 4, '5th': 4 };

/** "the second one": that task of the last list shown. */
const findListed = async (
  call: PlannedCall,
  which: string,
  listed: string[],
  run: Call,
): Promise<Lookup | null> => {
  const id = which === 'last' ? listed.at(-1) : listed[LIST_ORDINALS[which] ?? -1];
  if (!id) return null;
  const task = await run('get_task', { taskId: id });
  return task.ok
    ? { found: true, args: { ...call.args, taskId: id }, title: (task.data as Data).title ?? null }
    : null;
};

const findTask = async (
  call: PlannedCall,
  lookup: TaskLookup,
  lastTaskId: string | null,
  run: Call,
  listed: string[],
): Promise<Lookup> => {
  const { words, status } = lookup;
  if (!words && lastTaskId) return { found: true, args: { ...call.args, taskId: lastTaskId }, title: null };
  const ordinal = words && listed.length > 0 ? listPattern.exec(words.trim()) : null;
  if (ordinal) {
    const found = await findListed(call, ordinal[1]!.toLowerCase(), listed, run);
    if (found) return found;
  }
  const step = words ? stepPattern.exec(words.trim()) : null;
  if (step) {
    const found = await findStep(call, step[1]!.toLowerCase(), lastTaskId, run);
    if (found) return found;
  }
  const terms = words ? keywords(words) : [];
  let items: Data[] = [];
  if (terms.length > 0) {
    items = await search(run, terms.join(' '), lookup);
    // "the laundry thing": fall back to the most telling single word.
    if (items.length === 0 && terms.length > 1) {
      const longest = [...terms].sort((a, b) => b.length - a.length)[0]!;
      items = await search(run, longest, lookup);
    }
  } else {
    const open = await run('list_tasks', {
      topLevel: true,
      limit: 5,
      ...(status ? { status } : {}),
      ...(lookup.deleted ? { deleted: true } : {}),
    });
    items = open.ok ? (open.data as Data).items : [];
  }
  if (
    items.length === 1 ||
    (items.length > 1 && words && items[0].title.toLowerCase() === words.toLowerCase())
  ) {
    return { found: true, args: { ...call.args, taskId: items[0].id }, title: items[0].title };
  }
  if (items.length === 0 && words && lookup.orCreate && !step) {
    const title = words.charAt(0).toUpperCase() + words.slice(1);
    const created = await run('create_task', { title: title.slice(0, 200) });
    if (created.ok) {
      const made = created.data as Data;
      return {
        found: true,
        args: { ...call.args, ...lookup.orCreate.args, taskId: made.id },
        title: made.title,
        note: `I added “${made.title}” to your list.`,
      };
    }
  }
  if (items.length === 0) {
    return {
      found: false,
      line: words
        ? `I couldn't find a task matching “${words}”.`
        : "I'm not sure which task you mean. Say its name?",
      parts: [],
    };
  }
  return pickTask(call.name, items, 'Which one do you mean?');
};

/** "the day before at 6pm" for a task just found: its due decides how many minutes before that is. */
const withClockReminder = async (
  found: Extract<Lookup, { found: true }>,
  clock: NonNullable<TaskLookup['reminderClock']>,
  run: Call,
): Promise<Lookup> => {
  const task = await run('get_task', { taskId: found.args.taskId });
  const data: Data = task.ok ? task.data : null;
  const offset = data ? clockOffset(clock, data, clock.timezone) : null;
  if (offset === null) {
    const title = data?.title ?? found.title ?? 'that task';
    return {
      found: false,
      line: `“${String(title)}” has no due time to count back from yet. When is it due?`,
      parts: [],
    };
  }
  const changes = (found.args.changes ?? {}) as { reminders?: number[] };
  const reminders = [...new Set([...(changes.reminders ?? []), offset])].sort((a, b) => a - b);
  return {
    ...found,
    args: { ...found.args, changes: { ...changes, reminders } },
    title: data.title ?? found.title,
  };
};

/** Finds what an offline call names in words (a task, a reward, a memory) through the person's own tools. */
export const resolveLookup = async (
  call: PlannedCall,
  lastTaskId: string | null,
  run: Call,
  lastListIds: string[] = [],
): Promise<Lookup> => {
  const lookup = call.lookup!;
  if (lookup.kind === 'task') {
    const found = await findTask(call, lookup, lastTaskId, run, lastListIds);
    return found.found && lookup.reminderClock ? withClockReminder(found, lookup.reminderClock, run) : found;
  }
  if (lookup.kind === 'reward') {
    const rewards = await run('list_rewards', {});
    const items: Data[] = rewards.ok ? ((rewards.data as Data).items ?? []) : [];
    const terms = keywords(lookup.words ?? '');
    const match = items.find((r) => terms.every((t) => String(r.title).toLowerCase().includes(t)));
    return match
      ? { found: true, args: { id: match.id }, title: match.title }
      : { found: false, line: `I couldn't find a reward called “${lookup.words}”.`, parts: [] };
  }
  const recalled = await run('recall', { query: (lookup.words ?? '').slice(0, 500), limit: 1 });
  const memory: Data = recalled.ok ? ((recalled.data as Data).memories ?? [])[0] : undefined;
  return memory
    ? { found: true, args: { ids: [memory.id] }, title: String(memory.text).slice(0, 80) }
    : { found: false, line: "I don't have anything like that remembered.", parts: [] };
};
