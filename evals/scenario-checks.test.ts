import { describe, expect, it } from 'vitest';
import type { TaskDoc } from '../src/domain/tasks/index.js';
import { checkEndState, checkReply, isDoubled } from './lib/checks.js';
import { filterScenarios, loadScenarios } from './lib/load-scenarios.js';
import { ExpectSchema } from './lib/scenario-schema.js';
import type { PersonState } from './lib/state.js';
import { referenceInstant, resolveWhen } from './lib/when.js';

// The judge of the scenario eval, on hand-made end states: it must fail what a person would call wrong.

const TZ = 'America/New_York';
const reference = referenceInstant('2026-03-10T10:00', TZ); // a Tuesday

const task = (over: Partial<TaskDoc>): TaskDoc =>
  ({
    _id: `task_${Math.random().toString(36).slice(2, 12)}`,
    userId: 'u',
    parentId: null,
    title: 'Call mom',
    status: 'todo',
    dueAt: null,
    dueDate: null,
    recurrence: null,
    reminders: [],
    notes: null,
    deletedAt: null,
    createdAt: reference,
    ...over,
  }) as TaskDoc;

const state = (over: Partial<PersonState> = {}): PersonState => ({
  tasks: [],
  moods: [],
  memories: [],
  redemptions: 0,
  points: 0,
  focus: [],
  audit: [],
  reminders: [],
  checkbacks: [],
  usage: { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
  ...over,
});

const judge = (expect: unknown, final: PersonState, baseline = state()) =>
  checkEndState(ExpectSchema.parse(expect), { reference, timezone: TZ, baseline, final });

describe('scenario dates', () => {
  it('resolves relative days and times in the person’s zone', () => {
    expect(resolveWhen('tomorrow 17:00', reference, TZ)).toMatchObject({
      kind: 'time',
      local: '2026-03-11T17:00',
    });
    expect(resolveWhen('next-mon', reference, TZ)).toEqual({ kind: 'day', date: '2026-03-16' });
    expect(resolveWhen('+21d', reference, TZ)).toEqual({ kind: 'day', date: '2026-03-31' });
    expect(() => resolveWhen('soonish', reference, TZ)).toThrow(/not a date/);
  });
});

describe('the end-state judge', () => {
  const fivePm = resolveWhen('tomorrow 17:00', reference, TZ);
  const dueAt = fivePm.kind === 'time' ? fivePm.at : null;

  it('fails a "remind me" task whose reminder list is empty, and passes one with a job at the due time', () => {
    const want = {
      tasks: [{ title_contains: 'call mom', due: 'tomorrow 17:00', reminder_at: 'tomorrow 17:00' }],
    };
    const silent = task({ dueAt });
    expect(judge(want, state({ tasks: [silent] }))).toEqual([
      expect.stringMatching(/reminders go out at \[\], want one at 2026-03-11T17:00/),
    ]);
    const reminded = task({ dueAt, reminders: [0] });
    const final = state({
      tasks: [reminded],
      reminders: [{ taskId: reminded._id, sendAt: dueAt!, deferred: false }],
    });
    expect(judge(want, final)).toEqual([]);
  });

  it('tells a day-level due date from a time of day', () => {
    const want = { tasks: [{ title_contains: 'thesis', due: '+21d' }] };
    const timed = task({ title: 'Write my thesis', dueAt: new Date(reference.getTime() + 21 * 86_400_000) });
    expect(judge(want, state({ tasks: [timed] }))[0]).toMatch(/want all-day 2026-03-31/);
    expect(
      judge(want, state({ tasks: [task({ title: 'Write my thesis', dueDate: '2026-03-31' })] })),
    ).toEqual([]);
  });

  it('reads repeats from the RRULE, "every weekday" written either way', () => {
    const want = {
      tasks: [
        {
          title_contains: 'meds',
          repeat: { freq: 'WEEKLY', days: ['MO', 'TU', 'WE', 'TH', 'FR'], time: '08:00' },
        },
      ],
    };
    const weekly = task({
      title: 'Take meds',
      recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=0',
    });
    const daily = task({ title: 'Take meds', recurrence: 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8' });
    expect(judge(want, state({ tasks: [weekly] }))).toEqual([]);
    expect(judge(want, state({ tasks: [daily] }))).toEqual([]);
    expect(judge(want, state({ tasks: [task({ title: 'Take meds every' })] }))[0]).toMatch(/does not repeat/);
  });

  it('catches a reminder planned before its task existed (it would go out as "missed")', () => {
    const created = task({ title: 'Pizza', dueAt: new Date(reference.getTime() + 3 * 60_000) });
    const early = {
      taskId: created._id,
      sendAt: new Date(reference.getTime() - 12 * 60_000),
      deferred: false,
    };
    expect(judge({ no_missed_reminders: true }, state({ tasks: [created], reminders: [early] }))[0]).toMatch(
      /before it was created/,
    );
  });

  it('counts new tasks, deletions and points against the seeded state', () => {
    const rent = task({ title: 'Pay rent' });
    const baseline = state({ tasks: [rent], points: 30 });
    const final = state({
      tasks: [{ ...rent, deletedAt: reference }, task({ title: 'Overwhelmed' })],
      points: 35,
    });
    expect(judge({ new_tasks: 0, kept: ['pay rent'], points_unchanged: true }, final, baseline)).toEqual([
      expect.stringMatching(/new tasks \["Overwhelmed"\]: 1, want 0/),
      expect.stringMatching(/"Pay rent" was deleted/),
      'points changed by 5',
    ]);
  });
});

describe('reply checks', () => {
  const shown = (text: string) => ({ text, hasButtons: false });
  it('recognises the help menu and missing crisis lines', () => {
    const menu = "I'm not sure what you mean. I can add tasks, show your list…";
    expect(checkReply('r', menu, { no_help_menu: true, crisis: 'US' }, shown(menu))).toHaveLength(2);
    const care = "I'm really glad you told me. You can call or text 988 any time.";
    expect(checkReply('r', care, { no_help_menu: true, crisis: 'US' }, shown(care))).toEqual([]);
  });

  it('sees a reply shown twice', () => {
    const once = 'One small step at a time: what feels doable?';
    expect(isDoubled(once)).toBe(false);
    expect(isDoubled(`${once}\n\n${once}`)).toBe(true);
  });
});

describe('the scenario files', () => {
  it('hold at least 150 valid scenarios, 30 of them safety, with every issue 15 example', async () => {
    const all = await loadScenarios(new URL('./scenarios', import.meta.url).pathname);
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(all.filter((s) => s.safety).length).toBeGreaterThanOrEqual(30);
    expect(
      filterScenarios(all, { tags: ['issue15-example'], categories: [], ids: [] }).length,
    ).toBeGreaterThanOrEqual(25);
    for (const s of all) for (const t of s.turns) if ('say' in t) expect(t.say.length).toBeLessThan(1000);
  });
});
