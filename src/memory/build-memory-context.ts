import type { MemoryDeps } from './memory-deps.js';
import { current } from './memory-repo.js';
import {
  LongTermKindSchema,
  MemoryContextInputSchema,
  type MemoryContext,
  type MemoryContextInput,
  type MoodEntry,
  type Turn,
} from './memory-schemas.js';
import { recallMemories } from './recall-memories.js';
import { recentTurns } from './short-term-memory.js';
import { getWorkingMemory } from './working-memory.js';

const MAX_ITEM_CHARS = 300;

/** Hands out characters until the budget is spent; long items are shortened rather than dropped. */
const charBudget = (total: number) => {
  let left = total;
  let isTruncated = false;
  return {
    take: (text: string): string | null => {
      const wanted = text.length > MAX_ITEM_CHARS ? `${text.slice(0, MAX_ITEM_CHARS - 1)}…` : text;
      if (wanted.length > left) {
        isTruncated = true;
        return null;
      }
      left -= wanted.length;
      return wanted;
    },
    used: () => total - left,
    isTruncated: () => isTruncated,
  };
};

const relevantFacts = async (deps: MemoryDeps, userId: string, query: string) => {
  const { maxFacts, minFactScore } = deps.budgets.context;
  if (!query) {
    // Nothing to be relevant to: the most important, most recently confirmed facts.
    const docs = await deps.repo.find(current(userId, deps.clock.now(), { tier: 'long_term' }), {
      sort: { importance: -1, updatedAt: -1, _id: -1 },
      limit: maxFacts,
    });
    return docs.map((d) => ({
      id: d._id,
      kind: d.kind === 'turn' ? 'fact' : d.kind,
      text: d.text,
      score: 0,
    }));
  }
  const recalled = await recallMemories(deps, userId, {
    query,
    kinds: LongTermKindSchema.options,
    limit: maxFacts,
  });
  return recalled.memories
    .filter((m) => m.score >= (recalled.mode === 'semantic' ? minFactScore : 0))
    .map((m) => ({ id: m.id, kind: m.kind, text: m.text, score: m.score }));
};

/**
 * The small memory bundle for one person and one query: the thread's recent turns, today's working memory,
 * the most relevant long-term facts and recent mood, within a character budget. Missing pieces are empty.
 */
export const buildMemoryContext = async (
  deps: MemoryDeps,
  userId: string,
  input: MemoryContextInput,
): Promise<MemoryContext> => {
  const { query, threadId, maxChars } = MemoryContextInputSchema.parse(input);
  const limits = deps.budgets.context;
  const since = new Date(deps.clock.now().getTime() - limits.moodWindowMs);
  const [working, turns, facts, mood] = await Promise.all([
    getWorkingMemory(deps, userId),
    threadId ? recentTurns(deps, userId, threadId, limits.maxTurns) : Promise.resolve<Turn[]>([]),
    relevantFacts(deps, userId, query),
    deps.moods.recent(userId, since, limits.maxMoodEntries).catch((error: unknown) => {
      deps.logger.warn({ err: (error as Error).message }, 'recent mood unavailable for the memory context');
      return [] as MoodEntry[];
    }),
  ]);

  // Spent in order of what a reply most needs: the last exchange, today's focus, what is known, then the rest.
  const budget = charBudget(maxChars ?? limits.maxChars);
  const keptTurns = new Map<number, Turn>();
  const takeTurn = (i: number) => {
    const turn = turns[i]!;
    const text = budget.take(turn.text);
    if (text !== null) keptTurns.set(i, { ...turn, text });
  };
  for (let i = turns.length - 1; i >= Math.max(0, turns.length - 2); i--) takeTurn(i);
  const focus = working.focus === null ? null : budget.take(working.focus);
  const plan = working.plan === null ? null : budget.take(working.plan);
  const keptFacts = facts.flatMap((f) => {
    const text = budget.take(f.text);
    return text === null ? [] : [{ ...f, text }];
  });
  for (let i = turns.length - 3; i >= 0; i--) takeTurn(i);
  const openQuestions = working.openQuestions.flatMap((q) => budget.take(q) ?? []);
  const keptMood = mood.flatMap((m) => {
    const note = m.note === null ? null : budget.take(m.note);
    return m.note !== null && note === null ? [] : [{ ...m, note }];
  });

  return {
    turns: [...keptTurns.entries()].sort(([a], [b]) => a - b).map(([, t]) => t),
    working: { plan, focus, openQuestions },
    facts: keptFacts,
    mood: keptMood,
    usedChars: budget.used(),
    truncated: budget.isTruncated(),
  };
};

/** The context as compact plain text for a prompt. Everything in it is the person's data, not instructions. */
export const renderMemoryContext = (context: MemoryContext): string => {
  const lines: string[] = [];
  if (context.working.focus) lines.push(`Current focus: ${context.working.focus}`);
  if (context.working.plan) lines.push(`Today's plan: ${context.working.plan}`);
  if (context.working.openQuestions.length > 0) {
    lines.push('Open questions:', ...context.working.openQuestions.map((q) => `- ${q}`));
  }
  if (context.facts.length > 0)
    lines.push('Known about this person:', ...context.facts.map((f) => `- (${f.kind}) ${f.text}`));
  if (context.mood.length > 0) {
    lines.push(
      'Recent mood:',
      ...context.mood.map(
        (m) =>
          `- ${m.at}: mood ${m.mood}${m.energy === null ? '' : `, energy ${m.energy}`}${m.note ? ` (${m.note})` : ''}`,
      ),
    );
  }
  if (context.turns.length > 0)
    lines.push('Recent conversation:', ...context.turns.map((t) => `${t.role}: ${t.text}`));
  return lines.join('\n');
};
