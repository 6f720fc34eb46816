import type { ConversationAction, ReplyPart } from '../conversation-types.js';
import type { PlannedCall } from '../graph/state.js';
import type { CallResult } from '../tools/tool-hub.js';

export type Lookup =
  | { found: true; args: Record<string, unknown>; title: string | null }
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

const findTask = async (
  call: PlannedCall,
  words: string | null,
  lastTaskId: string | null,
  run: Call,
): Promise<Lookup> => {
  if (!words && lastTaskId) return { found: true, args: { ...call.args, taskId: lastTaskId }, title: null };
  const terms = words ? keywords(words) : [];
  let items: Data[] = [];
  if (terms.length > 0) {
    const all = await run('list_tasks', { q: terms.join(' '), limit: 5 });
    items = all.ok ? (all.data as Data).items : [];
    // "the laundry thing": fall back to the most telling single word.
    if (items.length === 0 && terms.length > 1) {
      const longest = [...terms].sort((a, b) => b.length - a.length)[0]!;
      const some = await run('list_tasks', { q: longest, limit: 5 });
      items = some.ok ? (some.data as Data).items : [];
    }
  } else {
    const open = await run('list_tasks', { topLevel: true, limit: 5 });
    items = open.ok ? (open.data as Data).items : [];
  }
  if (
    items.length === 1 ||
    (items.length > 1 && words && items[0].title.toLowerCase() === words.toLowerCase())
  ) {
    return { found: true, args: { ...call.args, taskId: items[0].id }, title: items[0].title };
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

/** Finds what an offline call names in words (a task, a reward, a memory) through the person's own tools. */
export const resolveLookup = async (
  call: PlannedCall,
  lastTaskId: string | null,
  run: Call,
): Promise<Lookup> => {
  const lookup = call.lookup!;
  if (lookup.kind === 'task') return findTask(call, lookup.words, lastTaskId, run);
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
