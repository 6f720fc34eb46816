import { describe, expect, it } from 'vitest';
import { tools, withCachedJsonSchema } from '../../tools/index.js';
import type { PlannerStateType } from '../graph/state.js';
import type { ToolInfo } from '../tools/tool-hub.js';
import { TOOL_GROUPS, threadGroups, toolsForGroups, toolsForTurn, type ToolGroup } from './toolsets.js';

/** The person's tools as the hub lists them: every registry tool, plus one operator-configured external tool. */
const all: ToolInfo[] = [
  ...tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    inputSchema: withCachedJsonSchema(tool.inputSchema)['~standard'].jsonSchema.input({
      target: 'draft-2020-12',
    }),
    readOnly: tool.annotations.readOnlyHint,
    needsConfirmation: false,
    external: false,
  })),
  {
    name: 'work__list_tasks',
    description: '[external: work] Lists work tasks.',
    inputSchema: { type: 'object', properties: {} },
    readOnly: true,
    needsConfirmation: false,
    external: true,
  },
];

const stateFor = (
  text: string,
  previous?: string,
  toolGroups: string[] = [],
  prefetched = false,
): PlannerStateType =>
  ({
    turn: {
      userId: 'user_1',
      channel: 'web',
      threadId: 't',
      messageId: 'm',
      message: { text },
      now: '2026-03-02T09:00:00.000Z',
    },
    timezone: 'Europe/Berlin',
    recent: previous ? [{ role: 'user', text: previous }] : [],
    toolGroups,
    prefetched,
  }) as unknown as PlannerStateType;

const namesFor = (text: string, previous?: string) =>
  toolsForTurn(stateFor(text, previous), all).tools.map((t) => t.name);

const size = (chosen: ToolInfo[]) =>
  JSON.stringify(chosen.map((t) => ({ name: t.name, description: t.description, parameters: t.inputSchema })))
    .length;

describe('toolsForTurn', () => {
  it.each([
    ['remind me to call mom at 5', 'create_task'],
    ['add buy milk', 'create_task'],
    ["what's on my list today?", 'list_tasks'],
    ['done with taxes', 'complete_task'],
    ['done with taxes', 'list_tasks'],
    ['oops, the taxes are not done, reopen it', 'reopen_task'],
    ['snooze that for 10 minutes', 'snooze_task'],
    ['move the dentist to friday', 'update_task'],
    ["I'm feeling really tired", 'log_mood'],
    ['how has my mood been this week?', 'get_mood_patterns'],
    ['break the tax return down into steps', 'break_down_task'],
    ["I can't get myself to start the essay", 'get_motivation'],
    ['how many points do I have?', 'get_points'],
    ['redeem the coffee reward', 'redeem_reward'],
    ['add a new reward: a movie night for 200 points', 'create_reward'],
    ['remember that I work best after 8pm', 'remember'],
    ['what do you know about me?', 'recall'],
    ['forget that I hate mornings', 'forget'],
    ['plan my day', 'plan_day'],
    ['how did today go? review my day', 'review_day'],
    ['what should I do now?', 'suggest_next_task'],
    ['start a 25 minute focus session', 'start_focus_session'],
    ['stop the timer', 'end_focus_session'],
    ['change my time zone to Europe/Paris', 'update_profile'],
    ['delete the gym task', 'delete_task'],
    ['I want a fresh start, everything is overdue', 'fresh_start'],
  ])('"%s" binds %s', (text, tool) => {
    expect(namesFor(text)).toContain(tool);
  });

  it('binds a small general set for a message it cannot place', () => {
    const names = namesFor('hmm, so about that thing');
    expect(names).toEqual(expect.arrayContaining([...TOOL_GROUPS.core, 'log_mood', 'snooze_task']));
    expect(names.length).toBeLessThanOrEqual(12);
    expect(names).not.toContain('start_focus_session');
    expect(names).not.toContain('update_reward');
  });

  it('keeps a follow-up on the topic of the previous message', () => {
    expect(namesFor('make it 25 minutes')).not.toContain('start_focus_session');
    expect(namesFor('make it 25 minutes', 'can you start a focus timer?')).toContain('start_focus_session');
    expect(namesFor('and the second one?', 'break the tax return down into steps')).toContain(
      'break_down_task',
    );
  });

  it("adds nothing for the previous message's topic when this message's intent is clear on its own", () => {
    expect(namesFor('remember that I work best after 8pm', 'how many points do I have?')).not.toContain(
      'get_points',
    );
    expect(namesFor('snooze the call for 10 minutes', 'plan my day')).not.toContain('plan_day');
    expect(namesFor('snooze the call for 10 minutes', 'plan my day')).toContain('snooze_task');
  });

  it('starts every set with the same tools in the same order: the core, then the external tools', () => {
    const core = TOOL_GROUPS.core as readonly string[];
    for (const text of ['plan my day', 'I feel low', 'start a focus session', 'hello']) {
      const names = namesFor(text);
      expect(names.slice(0, core.length + 1)).toEqual([...core, 'work__list_tasks']);
    }
  });

  it('hands out one array per list of groups, so the bound model is reused', () => {
    expect(toolsForTurn(stateFor('plan my day'), all).tools).toBe(
      toolsForTurn(stateFor('plan my week'), all).tools,
    );
    expect(toolsForGroups(all, [])).toBe(toolsForGroups(all, []));
    expect(toolsForGroups(all, ['mood'])).not.toBe(toolsForGroups(all, []));
    expect(toolsForGroups(all, ['mood', 'points'])).not.toBe(toolsForGroups(all, ['points', 'mood']));
  });

  it('sends compact definitions: a broad turn is a fraction of all tools', () => {
    const everything = size(all);
    const broad = toolsForTurn(
      stateFor('remember I feel tired, plan my day and start a focus timer'),
      all,
    ).tools;
    expect(size(broad)).toBeLessThan(everything / 2);
    for (const tool of broad) expect(JSON.stringify(tool.inputSchema)).not.toContain('$schema');
  });
});

describe('threadGroups: a thread keeps its tools so a prompt cache keeps the thread', () => {
  const sizes: Record<string, number> = { mood: 1_000, steps: 2_000, points: 1_000, focus: 1_000 };
  const sizeOf = (group: ToolGroup) => sizes[group] ?? 500;
  const need = (...groups: ToolGroup[]) => new Set<ToolGroup>(groups);

  it('keeps what the thread bound and adds a new group last, whatever the fixed order says', () => {
    expect(threadGroups(['points'], need('mood'), sizeOf, 10_000)).toEqual(['points', 'mood']);
    expect(threadGroups(['points', 'mood'], need('mood'), sizeOf, 10_000)).toEqual(['points', 'mood']);
    expect(threadGroups([], need('points', 'mood'), sizeOf, 10_000)).toEqual(['mood', 'points']);
  });

  it('over budget, drops the groups this message does not need, oldest first, never a needed one', () => {
    expect(threadGroups(['mood', 'points', 'focus'], need('steps'), sizeOf, 3_500)).toEqual([
      'focus',
      'steps',
    ]);
    expect(threadGroups(['mood', 'points'], need('mood', 'steps'), sizeOf, 3_000)).toEqual(['mood', 'steps']);
    expect(threadGroups([], need('mood', 'steps', 'points'), sizeOf, 100)).toEqual([
      'steps',
      'mood',
      'points',
    ]);
  });

  it('adds no group when the reads were made before asking: the model only words their results', () => {
    expect(
      toolsForTurn(stateFor('how many points do I have?', undefined, ['mood'], true), all).groups,
    ).toEqual(['mood']);
    expect(toolsForTurn(stateFor('how many points do I have?', undefined, ['mood']), all).groups).toEqual([
      'mood',
      'points',
    ]);
  });

  it('changes nothing on a turn that adds nothing, even over budget (the prompt stays a prefix of the next)', () => {
    expect(threadGroups(['mood', 'points', 'focus'], need(), sizeOf, 1_000)).toEqual([
      'mood',
      'points',
      'focus',
    ]);
    expect(threadGroups(['mood', 'steps'], need('mood'), sizeOf, 1_000)).toEqual(['mood', 'steps']);
    const bound = ['planning', 'mood', 'steps'];
    expect(toolsForTurn(stateFor('what should I do now?', 'break it down', bound, true), all).groups).toEqual(
      bound,
    );
  });

  it('ignores names that are not groups (a checkpoint from another version) and the core', () => {
    expect(threadGroups(['core', 'gone', 'mood', 'mood'], need(), sizeOf, 10_000)).toEqual(['mood']);
  });

  it('over a conversation, each tool list is the previous one with groups removed and new ones appended', () => {
    let bound: string[] = [];
    let previous: string[] = [];
    let text = '';
    for (const next of [
      'remind me to call mom tomorrow at 5pm',
      "I'm feeling really tired today",
      'break the tax return down into steps',
      'what should I do now?',
      'done with buy milk',
      'how many points do I have?',
      'remember that I work best after 8pm',
      'plan my day',
      'start a focus timer',
      'thanks!',
    ]) {
      const turn = toolsForTurn(stateFor(next, text || undefined, bound), all);
      const names = turn.tools.map((t) => t.name);
      const firstNew = names.findIndex((name) => !previous.includes(name));
      const kept = firstNew === -1 ? names : names.slice(0, firstNew);
      // What is kept reads in the previous order (removals only), and everything new comes after it.
      expect(kept).toEqual(previous.filter((name) => kept.includes(name)));
      if (firstNew !== -1) for (const name of names.slice(firstNew)) expect(previous).not.toContain(name);
      bound = turn.groups;
      previous = names;
      text = next;
    }
  });
});
