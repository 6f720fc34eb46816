import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeFit, rankNextTasks, type NextTaskCandidate, type PersonState } from './suggest-next-task.js';

const now = new Date('2026-03-10T14:00:00Z'); // 15:00 in Berlin
const zone = 'Europe/Berlin';
const endOfToday = new Date('2026-03-10T23:00:00Z');

const task = (id: string, fields: Partial<NextTaskCandidate> = {}): NextTaskCandidate => ({
  id,
  status: 'todo',
  priority: 'medium',
  dueAt: null,
  dueEndAt: null,
  estimateMinutes: null,
  energy: null,
  createdAt: new Date('2026-03-01T10:00:00Z'),
  deletedAt: null,
  snoozedUntil: null,
  ...fields,
});

const dueToday = { dueAt: new Date('2026-03-10T17:00:00Z'), dueEndAt: new Date('2026-03-10T17:00:00Z') };

const presentation = task('task_presentation', {
  priority: 'high',
  ...dueToday,
  estimateMinutes: 90,
  energy: 'high',
});
const reply = task('task_reply', { priority: 'low', estimateMinutes: 10, energy: 'low' });
const receipts = task('task_receipts', { estimateMinutes: 45 });
const pick = (tasks: NextTaskCandidate[], state: PersonState) =>
  rankNextTasks(tasks, state, now, zone)[0]?.task.id;

describe('ranking the next task', () => {
  it('picks the short, low-energy task when energy is 1 and 15 minutes are free', () => {
    const state = { energy: 1, mood: 3, availableMinutes: 15 };
    expect(pick([presentation, reply, receipts], state)).toBe('task_reply');
    const [best] = rankNextTasks([presentation, reply, receipts], state, now, zone);
    expect(best!.factors).toEqual(expect.arrayContaining(['fits_time', 'quick_win', 'easy_on_energy']));
  });

  it('picks the important task due today when energy is high', () => {
    expect(pick([reply, receipts, presentation], { energy: 5, mood: 4, availableMinutes: null })).toBe(
      'task_presentation',
    );
  });

  it('favours quick wins when the mood is low even with energy to spare', () => {
    const essay = task('task_essay', { priority: 'high', estimateMinutes: 120 });
    expect(pick([essay, reply], { energy: 4, mood: 1, availableMinutes: null })).toBe('task_reply');
  });

  it('leaves out snoozed tasks until the snooze ends, and finished or deleted ones always', () => {
    const snoozed = task('task_snoozed', {
      ...reply,
      id: 'task_snoozed',
      snoozedUntil: new Date(now.getTime() + 60_000),
    });
    const done = task('task_done', { ...reply, id: 'task_done', status: 'done' });
    const gone = task('task_gone', { ...reply, id: 'task_gone', deletedAt: now });
    const state = { energy: 1, mood: 2, availableMinutes: 15 };
    expect(rankNextTasks([snoozed, done, gone], state, now, zone)).toEqual([]);
    const later = new Date(now.getTime() + 120_000);
    expect(rankNextTasks([snoozed], state, later, zone).map((r) => r.task.id)).toEqual(['task_snoozed']);
  });

  it('treats a past due date gently: due today still comes first at equal fit', () => {
    const waiting = task('task_waiting', {
      dueAt: new Date('2026-03-02T09:00:00Z'),
      dueEndAt: new Date('2026-03-02T09:00:00Z'),
    });
    const today = task('task_today', { dueAt: new Date('2026-03-10T20:00:00Z'), dueEndAt: endOfToday });
    const ranked = rankNextTasks([waiting, today], { energy: 3, mood: 3, availableMinutes: null }, now, zone);
    expect(ranked.map((r) => r.task.id)).toEqual(['task_today', 'task_waiting']);
    expect(ranked[1]!.factors).toContain('waiting');
  });

  it('breaks ties stably: sooner due, then higher priority, then older, then id', () => {
    const a = task('task_a');
    const b = task('task_b');
    const older = task('task_c', { createdAt: new Date('2026-02-01T00:00:00Z') });
    const state = { energy: 3, mood: 3, availableMinutes: null };
    expect(rankNextTasks([b, a, older], state, now, zone).map((r) => r.task.id)).toEqual([
      'task_c',
      'task_a',
      'task_b',
    ]);
  });

  const candidate = fc
    .record({
      id: fc.stringMatching(/^task_[a-z0-9]{8}$/),
      status: fc.constantFrom('todo' as const, 'in_progress' as const, 'done' as const, 'archived' as const),
      priority: fc.constantFrom('low' as const, 'medium' as const, 'high' as const, 'urgent' as const),
      dueAt: fc.option(
        fc.date({ min: new Date('2026-01-01'), max: new Date('2026-06-01'), noInvalidDate: true }),
        { nil: null },
      ),
      estimateMinutes: fc.option(fc.integer({ min: 1, max: 600 }), { nil: null }),
      energy: fc.option(fc.constantFrom('low' as const, 'medium' as const, 'high' as const), { nil: null }),
      createdAt: fc.date({ min: new Date('2025-01-01'), max: new Date('2026-03-10'), noInvalidDate: true }),
      deletedAt: fc.option(fc.constant(new Date('2026-03-09T00:00:00Z')), { nil: null }),
      snoozedUntil: fc.option(
        fc.date({ min: new Date('2026-03-09'), max: new Date('2026-03-11'), noInvalidDate: true }),
        { nil: null },
      ),
    })
    .map((t): NextTaskCandidate => ({ ...t, dueEndAt: t.dueAt }));
  const state = fc.record({
    energy: fc.integer({ min: 1, max: 5 }),
    mood: fc.integer({ min: 1, max: 5 }),
    availableMinutes: fc.option(fc.integer({ min: 1, max: 240 }), { nil: null }),
  });
  const uniqueTasks = fc.uniqueArray(candidate, { selector: (t) => t.id, maxLength: 30 });

  it('never picks a finished, archived, deleted or snoozed task', () => {
    fc.assert(
      fc.property(uniqueTasks, state, (tasks, s) =>
        rankNextTasks(tasks, s, now, zone).every(
          ({ task: t }) =>
            (t.status === 'todo' || t.status === 'in_progress') &&
            !t.deletedAt &&
            !(t.snoozedUntil && t.snoozedUntil > now),
        ),
      ),
    );
  });

  it('is deterministic: the same pick whatever order the tasks come in', () => {
    fc.assert(
      fc.property(uniqueTasks, state, fc.integer(), (tasks, s, seed) => {
        const shuffled = [...tasks].sort(
          (x, y) => ((x.id.charCodeAt(5) * seed) % 7) - ((y.id.charCodeAt(5) * seed) % 7),
        );
        const ids = (list: NextTaskCandidate[]) => rankNextTasks(list, s, now, zone).map((r) => r.task.id);
        expect(ids(shuffled)).toEqual(ids(tasks));
      }),
    );
  });
});

describe('the reason for a pick', () => {
  it('says in plain words why it fits', () => {
    expect(
      describeFit(['fits_time', 'easy_on_energy', 'quick_win'], { energy: 1, mood: 3, availableMinutes: 20 }),
    ).toBe("Fits your 20 minutes and low energy, and it's a quick win.");
    expect(
      describeFit(['important', 'due_today', 'matches_energy'], {
        energy: 5,
        mood: 4,
        availableMinutes: null,
      }),
    ).toBe("Fits your high energy, it's due today, and it's marked important.");
    expect(describeFit([], { energy: 3, mood: 3, availableMinutes: null })).toBe(
      'It looks like a good next step from your list.',
    );
  });
});
