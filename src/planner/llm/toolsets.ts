// Which of the person's tools one LLM turn is shown. All 38 tools with full schemas are ~8,000 tokens, which a
// small local model reads for minutes and a paid API bills on every turn; a turn needs a handful. The offline
// understanding (rules, no model) already names the intent of a message; it and a few topic words pick the groups.
// A call to a tool outside the set still runs (act checks the person's full list), so a narrow guess costs a
// model's knowledge of a tool, never a refusal.
import type { Intent } from '../../agents/index.js';
import { readingOf } from '../graph/reading.js';
import type { PlannerStateType } from '../graph/state.js';
import { compactDescription, compactSchema } from '../tools/compact-schema.js';
import type { ToolInfo } from '../tools/tool-hub.js';

/** Tool groups in the order they are sent: the core first, so every turn's prompt starts with the same bytes. */
export const TOOL_GROUPS = {
  core: ['create_task', 'list_tasks', 'update_task', 'complete_task', 'suggest_next_task'],
  taskCare: ['get_task', 'reopen_task', 'delete_task', 'restore_task', 'fresh_start'],
  // create_tasks stays here: without it the local 1.5B model, asked to break down a task it does not have yet,
  // wrote the steps out as text until the 500-token cap (75 s) instead of making them.
  steps: ['break_down_task', 'reorder_subtasks', 'analyze_task', 'create_tasks'],
  nudges: ['snooze_task', 'start_task', 'get_motivation'],
  planning: ['plan_day', 'review_day'],
  mood: ['log_mood', 'list_moods', 'get_mood_patterns'],
  points: ['get_points', 'list_rewards', 'redeem_reward', 'list_redemptions'],
  rewards: ['create_reward', 'update_reward', 'validate_proof'],
  memory: ['remember', 'recall', 'list_memories', 'forget'],
  focus: ['start_focus_session', 'end_focus_session', 'list_focus_sessions'],
  profile: ['get_profile', 'update_profile'],
} as const satisfies Record<string, readonly string[]>;

export type ToolGroup = keyof typeof TOOL_GROUPS;

/** What each intent of the understanding may need beyond the core. */
const BY_INTENT: Record<Intent, ToolGroup[]> = {
  create_task: [],
  list_tasks: [],
  complete_task: [], // complete_task and list_tasks are in the core
  snooze: ['nudges'],
  reschedule: [],
  log_mood: ['mood'],
  break_down: ['steps'],
  motivate: ['nudges', 'steps'],
  points: ['points'],
  redeem: ['points'],
  remember: ['memory'],
  forget: ['memory'],
  help: ['planning', 'mood'],
  plan_day: ['planning'],
  what_now: ['nudges', 'planning'],
  // conversation beyond single commands (the basic brain's rules, conversation-rules.ts)
  vent: ['mood', 'nudges'],
  chat: [], // thanks, hello: nothing to do
  review_day: ['planning'],
  delete_task: ['taskCare'],
  rename_task: [],
  reopen_task: ['taskCare'],
  focus: ['focus'],
  end_focus: ['focus'],
  recall: ['memory'],
  mood_patterns: ['mood'],
  rewards: ['points'],
  email_address: ['profile'],
  // Nothing recognised: the everyday few besides the core, kept small on purpose (topic words add the rest).
  unknown: ['nudges', 'mood'],
};

/** Topic words that call for a group whatever the intent ("start a focus timer", "what do you know about me"). */
const BY_WORDS: [ToolGroup, RegExp][] = [
  ['focus', /\b(?:focus|pomodoro|timer|session|deep work|concentrat)/],
  ['profile', /\b(?:profile|time ?zone|setting|preference|quiet hours|my name|call me|wake|bedtime)\b/],
  ['profile', /\be-?mail\b.*@|\b(?:verify|code)\b.*\b\d{6}\b/],
  ['memory', /\b(?:remember|memor|forget|recall|know about me|you know)\b/],
  ['points', /\b(?:points?|streak|reward|redeem|treat|earned)\b/],
  ['rewards', /\b(?:rewards?|proof|photo|prove)\b/],
  ['mood', /\b(?:mood|feel|feeling|felt|energy|tired|anxious|stressed|overwhelmed)\b/],
  ['taskCare', /\b(?:delete|remove|restore|undo|reopen|not done|fresh start|clean slate|details?)\b/],
  ['steps', /\b(?:steps?|subtasks?|break (?:it |this |that )?down|smaller|too big|how long)\b/],
  ['nudges', /\b(?:snooze|later|start|stuck|motivat|can't get going|procrastinat)/],
  ['planning', /\b(?:plan|review|today|tomorrow|this week|evening|priorit)/],
];

/** The same bound as the understanding's: a request is in its first words, and no pattern reads more. */
const TOPIC_CHARS = 1_000;
const addTopics = (groups: Set<ToolGroup>, text: string) => {
  const lower = text.slice(0, TOPIC_CHARS).toLowerCase();
  for (const [group, words] of BY_WORDS) if (words.test(lower)) groups.add(group);
};

/** Groups at least this sure among the understanding's other readings are bound too. */
const ALTERNATIVE_CONFIDENCE = 0.5;

/**
 * Below this the understanding is unsure what a message asks ("make it 25 minutes", "and the second one?"): it is
 * likely a follow-up, and the previous message's topic counts too. The understanding's own line for "check first".
 */
const FOLLOW_UP_CONFIDENCE = 0.5;

/** The groups a text calls for (its intent, likely other readings and topic words), and whether it stands alone. */
const groupsOf = (text: string, now: Date, timezone: string): { groups: Set<ToolGroup>; clear: boolean } => {
  const reading = readingOf(text, now, timezone);
  const groups = new Set<ToolGroup>(BY_INTENT[reading.intent]);
  for (const alternative of reading.alternatives) {
    if (alternative.confidence >= ALTERNATIVE_CONFIDENCE) {
      for (const group of BY_INTENT[alternative.intent]) groups.add(group);
    }
  }
  addTopics(groups, reading.normalizedText);
  return { groups, clear: reading.intent !== 'unknown' && reading.confidence >= FOLLOW_UP_CONFIDENCE };
};

/**
 * The groups of one turn: from the person's message, plus topic words of their previous message in the thread when
 * this one is unclear on its own (a follow-up like "yes, 25 minutes" continues the focus talk). A message whose
 * intent is clear brings only its own: "remember that I work best after 8pm" after a points question needs no
 * points tools, and each group is hundreds of tokens a small model reads. Only text reaches the LLM (buttons and
 * proofs are planned offline); anything else gets the task tools.
 */
export const chooseToolGroups = (state: PlannerStateType): Set<ToolGroup> => {
  const { message } = state.turn;
  if (!('text' in message)) return new Set(['taskCare']);
  const { groups, clear } = groupsOf(message.text, new Date(state.turn.now), state.timezone);
  const previous = clear ? undefined : state.recent.findLast((turn) => turn.role === 'user');
  if (previous) addTopics(groups, previous.text);
  return groups;
};

const ORDER = Object.keys(TOOL_GROUPS) as ToolGroup[];
const GROUP_OF = new Map<string, ToolGroup>(
  ORDER.flatMap((group) => TOOL_GROUPS[group].map((name) => [name, group] as const)),
);
const isGroup = (name: string): name is ToolGroup => Object.hasOwn(TOOL_GROUPS, name);

/**
 * The groups beyond the core a thread keeps bound, in characters of their compact definitions (about four per
 * token): about 1,200 tokens, two or three everyday groups.
 */
export const THREAD_GROUPS_MAX_CHARS = 4_800;

/**
 * The groups a thread binds this turn, in the order it first bound them. The tool list comes before the whole
 * conversation in the prompt, so a prompt cache (llama.cpp's, a provider's) keeps nothing after the first change
 * in it: a group added in the middle makes a small local model read the thread again, 20 to 50 seconds on 2 cores.
 * So a thread keeps the groups it has while they fit, a new one goes last, and when adding one puts it over budget
 * the groups this message does not need give way, oldest first (a removal costs llama.cpp's cache little: what
 * follows it is shifted, not read again). A turn that adds nothing changes nothing. `sizeOf` is a group's size in
 * characters.
 */
export const threadGroups = (
  bound: readonly string[],
  needed: ReadonlySet<ToolGroup>,
  sizeOf: (group: ToolGroup) => number,
  maxChars = THREAD_GROUPS_MAX_CHARS,
): ToolGroup[] => {
  const kept = [...new Set(bound)].filter((name): name is ToolGroup => isGroup(name) && name !== 'core');
  const added = ORDER.filter((g) => g !== 'core' && needed.has(g) && !kept.includes(g));
  // Nothing new: the list stays as it is, over budget or not. Trimming it now would change the prompt (a paid API's
  // prefix cache loses the whole thread) for no gain, and the group dropped is often needed again soon after.
  if (added.length === 0) return kept;
  const groups = [...kept, ...added];
  let chars = groups.reduce((sum, group) => sum + sizeOf(group), 0);
  for (let i = 0; i < groups.length && chars > maxChars;) {
    const group = groups[i]!;
    if (needed.has(group)) i += 1;
    else {
      chars -= sizeOf(group);
      groups.splice(i, 1);
    }
  }
  return groups;
};

/** The model's view of a tool: short description, compact schema (the server still validates the full one). */
const compactTool = (tool: ToolInfo): ToolInfo => ({
  ...tool,
  description: compactDescription(tool.description),
  inputSchema: compactSchema(tool.inputSchema),
});

type Prepared = { compact: ToolInfo[]; sizes: Map<ToolGroup, number>; bySet: Map<string, ToolInfo[]> };
/** Compacted once per tool list (a gateway keeps its list), and one array per chosen set, so bindings are reused. */
const prepared = new WeakMap<ToolInfo[], Prepared>();

const preparedFor = (all: ToolInfo[]): Prepared => {
  let entry = prepared.get(all);
  if (!entry) {
    const compact = all.map(compactTool);
    const sizes = new Map<ToolGroup, number>();
    for (const tool of compact) {
      const group = GROUP_OF.get(tool.name);
      if (group === undefined) continue;
      const chars = JSON.stringify([tool.name, tool.description, tool.inputSchema]).length;
      sizes.set(group, (sizes.get(group) ?? 0) + chars);
    }
    prepared.set(all, (entry = { compact, sizes, bySet: new Map() }));
  }
  return entry;
};

/**
 * The tools to bind for these groups, in this order: the core, then tools we do not group (the operator's external
 * servers: always offered, they chose them), then the groups as given, each with a compact schema. The same groups
 * in the same order give the same array (identity included).
 */
export const toolsForGroups = (all: ToolInfo[], groups: readonly ToolGroup[]): ToolInfo[] => {
  const entry = preparedFor(all);
  const wanted = ['core', ...groups.filter((group) => group !== 'core')];
  const key = wanted.join(',');
  let chosen = entry.bySet.get(key);
  if (!chosen) {
    const rank = (tool: ToolInfo) => {
      const group = GROUP_OF.get(tool.name);
      if (group === 'core') return 0;
      return group === undefined ? 1 : 1 + wanted.indexOf(group);
    };
    chosen = entry.compact
      .filter((tool) => {
        const group = GROUP_OF.get(tool.name);
        return group === undefined || wanted.includes(group);
      })
      .map((tool, index) => ({ tool, index }))
      .sort((a, b) => rank(a.tool) - rank(b.tool) || a.index - b.index)
      .map(({ tool }) => tool);
    entry.bySet.set(key, chosen);
  }
  return chosen;
};

/**
 * The tools one LLM step of this turn is shown, and the thread's groups after it (kept in the checkpoint). Every
 * step of a turn gets the same set: the groups of its first step already cover the message (a turn whose reads were
 * prefetched adds none).
 */
export const toolsForTurn = (
  state: PlannerStateType,
  all: ToolInfo[],
): { tools: ToolInfo[]; groups: ToolGroup[] } => {
  const { sizes } = preparedFor(all);
  // When the reads were made before asking (prefetch), the model words their results: it needs no new tool, and
  // the thread's list unchanged keeps the prompt cache (a call it still makes runs: act checks the full list).
  const needed = state.prefetched ? new Set<ToolGroup>() : chooseToolGroups(state);
  const groups = threadGroups(state.toolGroups, needed, (group) => sizes.get(group) ?? 0);
  return { tools: toolsForGroups(all, groups), groups };
};
