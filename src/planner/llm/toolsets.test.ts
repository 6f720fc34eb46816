import { describe, expect, it } from 'vitest';
import { tools } from '../../tools/index.js';
import { withCachedJsonSchema } from '../../tools/json-schema-cache.js';
import type { PlannerStateType } from '../graph/state.js';
import type { ToolInfo } from '../tools/tool-hub.js';
import { TOOL_GROUPS, toolsForGroups, toolsForTurn } from './toolsets.js';

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

const stateFor = (text: string, previous?: string): PlannerStateType =>
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
  }) as unknown as PlannerStateType;

const namesFor = (text: string, previous?: string) =>
  toolsForTurn(stateFor(text, previous), all).map((t) => t.name);

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
  });

  it('starts every set with the same tools in the same order, and offers the external tools last', () => {
    const core = TOOL_GROUPS.core as readonly string[];
    for (const text of ['plan my day', 'I feel low', 'start a focus session', 'hello']) {
      const names = namesFor(text);
      expect(names.slice(0, core.length)).toEqual(core);
      expect(names.at(-1)).toBe('work__list_tasks');
    }
  });

  it('hands out one array per set of groups, so the bound model is reused', () => {
    expect(toolsForTurn(stateFor('plan my day'), all)).toBe(toolsForTurn(stateFor('plan my week'), all));
    expect(toolsForGroups(all, new Set())).toBe(toolsForGroups(all, new Set()));
    expect(toolsForGroups(all, new Set(['mood']))).not.toBe(toolsForGroups(all, new Set()));
  });

  it('sends compact definitions: a broad turn is a fraction of all tools', () => {
    const everything = size(all);
    const broad = toolsForTurn(stateFor('remember I feel tired, plan my day and start a focus timer'), all);
    expect(size(broad)).toBeLessThan(everything / 2);
    for (const tool of broad) expect(JSON.stringify(tool.inputSchema)).not.toContain('$schema');
  });
});
