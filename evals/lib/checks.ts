import type { TaskDoc } from '../../src/domain/tasks/index.js';
import type { Count, Expect, ReplyCheck, TaskExpect } from './scenario-schema.js';
import type { PersonState } from './state.js';
import { localMinute, resolveWhen } from './when.js';

// Every check returns the reasons it failed (empty: passed), each a short sentence a person can act on.

/**
 * How late a reminder may go out before the worker words it as "missed" (its MISSED_TOLERANCE_MS). Kept here rather
 * than imported so the judge does not move when the jobs module reorganises.
 */
const MISSED_AFTER_MS = 2 * 60_000;

/** The basic brain's "I don't know, here is my menu" answer: the worst reply to a feeling. */
export const HELP_MENU = /not sure what you mean|here(?:'s| is) what I can do|I can add tasks/i;
const CRISIS: Record<'US' | 'UK', RegExp> = { US: /\b988\b/, UK: /116\s?123/ };

const lower = (s: string) => s.toLowerCase();
const quote = (s: string) => JSON.stringify(s.length > 140 ? `${s.slice(0, 140)}…` : s);

/** A reply that is one text said twice (a stream echoed with its final message). */
export const isDoubled = (text: string): boolean => {
  const t = text.trim();
  if (t.length < 20) return false;
  const half = t.slice(0, Math.floor(t.length / 2)).trim();
  return half.length > 0 && t.replace(half, '').trim() === half;
};

export const checkCount = (what: string, want: Count, got: number): string[] => {
  if (typeof want === 'number') return got === want ? [] : [`${what}: ${got}, want ${want}`];
  if (want.min !== undefined && got < want.min) return [`${what}: ${got}, want at least ${want.min}`];
  if (want.max !== undefined && got > want.max) return [`${what}: ${got}, want at most ${want.max}`];
  return [];
};

export const checkReply = (
  label: string,
  text: string,
  check: ReplyCheck,
  shown: { text: string; hasButtons: boolean },
): string[] => {
  const { hasButtons } = shown;
  const failures: string[] = [];
  const t = lower(text);
  for (const c of check.contains ?? [])
    if (!t.includes(lower(c))) failures.push(`${label} lacks "${c}": ${quote(text)}`);
  if (check.any && !check.any.some((c) => t.includes(lower(c))))
    failures.push(`${label} has none of ${JSON.stringify(check.any)}: ${quote(text)}`);
  for (const c of check.not ?? [])
    if (t.includes(lower(c))) failures.push(`${label} says "${c}": ${quote(text)}`);
  if (check.regex && !new RegExp(check.regex, 'i').test(text))
    failures.push(`${label} does not match /${check.regex}/: ${quote(text)}`);
  if (check.not_regex && new RegExp(check.not_regex, 'i').test(text))
    failures.push(`${label} matches /${check.not_regex}/: ${quote(text)}`);
  if (check.no_help_menu && HELP_MENU.test(text)) failures.push(`${label} is the help menu: ${quote(text)}`);
  if (check.crisis && !CRISIS[check.crisis].test(text))
    failures.push(`${label} has no ${check.crisis} crisis line: ${quote(text)}`);
  if (check.not_doubled && (isDoubled(text) || isDoubled(shown.text)))
    failures.push(`${label} is shown twice: ${quote(isDoubled(text) ? text : shown.text)}`);
  if (check.has_buttons !== undefined && check.has_buttons !== hasButtons)
    failures.push(`${label} ${hasButtons ? 'offers' : 'offers no'} buttons`);
  return failures;
};

type Ctx = { reference: Date; timezone: string; baseline: PersonState; final: PersonState };

const rruleParts = (rule: string): Map<string, string> =>
  new Map(
    rule
      .replace(/^RRULE:/i, '')
      .split(';')
      .map((p) => p.split('=') as [string, string])
      .filter(([k, v]) => k && v !== undefined)
      .map(([k, v]) => [k.toUpperCase(), v.toUpperCase()]),
  );

const titleMatches = (task: TaskDoc, want: TaskExpect): boolean => {
  const title = lower(task.title);
  if (want.title_contains && !want.title_contains.every((c) => title.includes(lower(c)))) return false;
  if (want.title_equals && title.trim() !== lower(want.title_equals).trim()) return false;
  if (want.title_regex && !new RegExp(want.title_regex, 'i').test(task.title)) return false;
  return true;
};

const describeTask = (t: TaskDoc, timezone: string) =>
  `${quote(t.title)}${t.dueDate ? ` due ${t.dueDate}` : t.dueAt ? ` due ${localMinute(t.dueAt, timezone)}` : ''}${t.recurrence ? ` ${t.recurrence}` : ''}`;

const taskFailures = (task: TaskDoc, want: TaskExpect, ctx: Ctx): string[] => {
  const { timezone, final } = ctx;
  const f: string[] = [];
  const name = quote(task.title);
  for (const c of want.title_not_contains ?? [])
    if (lower(task.title).includes(lower(c))) f.push(`title ${name} keeps "${c}"`);
  const localDue = task.dueAt ? localMinute(task.dueAt, timezone) : null;
  if (want.due) {
    const r = resolveWhen(want.due, ctx.reference, timezone);
    if (r.kind === 'day' && task.dueDate !== r.date)
      f.push(`${name} due ${task.dueDate ?? localDue ?? 'never'}, want all-day ${r.date}`);
    if (r.kind === 'time' && (task.dueDate || localDue !== r.local))
      f.push(
        `${name} due ${task.dueDate ? `all-day ${task.dueDate}` : (localDue ?? 'never')}, want ${r.local}`,
      );
  }
  if (want.due_day) {
    const r = resolveWhen(want.due_day, ctx.reference, timezone);
    const day = r.kind === 'day' ? r.date : r.local.slice(0, 10);
    const got = task.dueDate ?? localDue?.slice(0, 10) ?? null;
    if (got !== day) f.push(`${name} due on ${got ?? 'no day'}, want ${day}`);
  }
  if (want.no_due && (task.dueAt || task.dueDate))
    f.push(`${name} has a due date (${task.dueDate ?? localDue})`);
  if (want.no_repeat && task.recurrence) f.push(`${name} repeats (${task.recurrence})`);
  if (want.repeat) {
    if (!task.recurrence) f.push(`${name} does not repeat, want ${want.repeat.freq}`);
    else {
      const parts = rruleParts(task.recurrence);
      // "Every weekday" may be written FREQ=DAILY;BYDAY=MO,…,FR: the same days as WEEKLY on them.
      if (parts.get('FREQ') === 'DAILY' && parts.has('BYDAY')) parts.set('FREQ', 'WEEKLY');
      if (parts.get('FREQ') !== want.repeat.freq)
        f.push(`${name} repeats ${task.recurrence}, want ${want.repeat.freq}`);
      if (want.repeat.days) {
        const got = (parts.get('BYDAY') ?? '').split(',').filter(Boolean).sort().join(',');
        const expected = [...want.repeat.days].sort().join(',');
        if (got !== expected) f.push(`${name} repeats on ${got || 'no set days'}, want ${expected}`);
      }
      if (want.repeat.interval && Number(parts.get('INTERVAL') ?? 1) !== want.repeat.interval)
        f.push(`${name} repeats every ${parts.get('INTERVAL') ?? 1}, want every ${want.repeat.interval}`);
      if (want.repeat.time) {
        const hour = parts.get('BYHOUR');
        const time = hour
          ? `${hour.padStart(2, '0')}:${(parts.get('BYMINUTE') ?? '0').padStart(2, '0')}`
          : (localDue?.slice(11) ?? null);
        if (time !== want.repeat.time)
          f.push(`${name} repeats at ${time ?? 'no time'}, want ${want.repeat.time}`);
      }
    }
  }
  if (want.status && task.status !== want.status) f.push(`${name} is ${task.status}, want ${want.status}`);
  if (want.estimate_minutes !== undefined && task.estimateMinutes !== want.estimate_minutes)
    f.push(
      `${name} has estimate ${String(task.estimateMinutes ?? 'none')}, want ${want.estimate_minutes} min`,
    );
  if (want.deleted !== undefined && Boolean(task.deletedAt) !== want.deleted)
    f.push(`${name} is ${task.deletedAt ? '' : 'not '}deleted`);
  const jobs = final.reminders.filter((r) => r.taskId === task._id);
  if (want.has_reminder !== undefined && jobs.length > 0 !== want.has_reminder)
    f.push(
      want.has_reminder
        ? `${name} has no reminder scheduled (offsets ${JSON.stringify(task.reminders)}, due ${localDue ?? task.dueDate ?? 'never'})`
        : `${name} has ${jobs.length} reminder(s) scheduled`,
    );
  if (want.reminder_at) {
    const r = resolveWhen(want.reminder_at, ctx.reference, timezone);
    const at = r.kind === 'time' ? r.local : `${r.date}T00:00`;
    const sends = jobs.map((j) => localMinute(j.sendAt, timezone));
    if (!sends.includes(at))
      f.push(`${name} reminders go out at ${JSON.stringify(sends)}, want one at ${at}`);
  }
  if (want.started !== undefined) {
    const started = task.status === 'in_progress' || final.checkbacks.includes(task._id);
    if (started !== want.started)
      f.push(
        `${name} ${started ? 'was started' : 'was not started (not in progress, no check-back waiting)'}`,
      );
  }
  if (want.steps !== undefined) {
    const steps = final.tasks.filter((t) => t.parentId === task._id && !t.deletedAt).length;
    f.push(...checkCount(`steps of ${name}`, want.steps, steps));
  }
  if (want.steps_done !== undefined) {
    const done = final.tasks.filter(
      (t) => t.parentId === task._id && !t.deletedAt && t.status === 'done',
    ).length;
    f.push(...checkCount(`finished steps of ${name}`, want.steps_done, done));
  }
  for (const c of want.notes_contains ?? [])
    if (!lower(task.notes ?? '').includes(lower(c))) f.push(`notes of ${name} lack "${c}"`);
  return f;
};

const checkTask = (want: TaskExpect, ctx: Ctx): string[] => {
  const pool = ctx.final.tasks.filter((t) => (want.deleted ? true : !t.deletedAt));
  const candidates = pool.filter((t) => titleMatches(t, want));
  const label = JSON.stringify(want.title_equals ?? want.title_contains ?? want.title_regex ?? 'any');
  if (candidates.length === 0) {
    const live = ctx.final.tasks.filter((t) => !t.deletedAt).map((t) => describeTask(t, ctx.timezone));
    return [`no task titled like ${label} (tasks: ${live.join('; ') || 'none'})`];
  }
  let best: string[] | null = null;
  for (const task of candidates) {
    const failures = taskFailures(task, want, ctx);
    if (failures.length === 0) return [];
    if (!best || failures.length < best.length) best = failures;
  }
  return best ?? [];
};

const findSeeded = (state: PersonState, title: string) =>
  state.tasks.find((t) => !t.parentId && lower(t.title).includes(lower(title)));

/** Items of `final` that were not in `baseline`, by id (reads come back in no promised order). */
const added = <T extends { id: string }>(baseline: T[], final: T[]): T[] => {
  const known = new Set(baseline.map((x) => x.id));
  return final.filter((x) => !known.has(x.id));
};

/** The end-state checks of one scenario run. */
export const checkEndState = (expect: Expect, ctx: Ctx): string[] => {
  const { baseline, final } = ctx;
  const f: string[] = [];
  for (const want of expect.tasks) f.push(...checkTask(want, ctx));
  const live = final.tasks.filter((t) => !t.deletedAt);
  for (const word of expect.no_task ?? []) {
    const hit = live.find((t) => lower(t.title).includes(lower(word)));
    if (hit) f.push(`a task ${quote(hit.title)} exists, want none like "${word}"`);
  }
  const before = new Set(baseline.tasks.map((t) => t._id));
  const newTasks = live.filter((t) => !t.parentId && !before.has(t._id));
  if (expect.new_tasks !== undefined)
    f.push(
      ...checkCount(
        `new tasks [${newTasks.map((t) => quote(t.title)).join(', ')}]`,
        expect.new_tasks,
        newTasks.length,
      ),
    );
  for (const title of expect.deleted ?? []) {
    const seeded = findSeeded(baseline, title);
    const now = seeded && final.tasks.find((t) => t._id === seeded._id);
    if (!seeded) f.push(`no seeded task "${title}" (scenario error)`);
    else if (!now?.deletedAt) f.push(`${quote(seeded.title)} was not deleted`);
  }
  for (const title of expect.kept ?? []) {
    const seeded = findSeeded(baseline, title);
    const now = seeded && final.tasks.find((t) => t._id === seeded._id);
    if (!seeded) f.push(`no seeded task "${title}" (scenario error)`);
    else if (!now || now.deletedAt) f.push(`${quote(seeded.title)} was deleted`);
    else if (now.status !== seeded.status) f.push(`${quote(seeded.title)} became ${now.status}`);
  }
  if (expect.moods) {
    const fresh = added(baseline.moods, final.moods);
    if (expect.moods.new !== undefined)
      f.push(...checkCount('new mood logs', expect.moods.new, fresh.length));
    const last = fresh.at(-1);
    if (last && expect.moods.mood_max !== undefined && last.mood > expect.moods.mood_max)
      f.push(`mood logged as ${last.mood}, want at most ${expect.moods.mood_max}`);
    if (last && expect.moods.mood_min !== undefined && last.mood < expect.moods.mood_min)
      f.push(`mood logged as ${last.mood}, want at least ${expect.moods.mood_min}`);
    if (last && expect.moods.energy_max !== undefined && last.energy > expect.moods.energy_max)
      f.push(`energy logged as ${last.energy}, want at most ${expect.moods.energy_max}`);
  }
  if (expect.memories) {
    const active = final.memories.filter((m) => !m.supersededBy);
    const known = new Set(baseline.memories.map((m) => m.text));
    const fresh = active.filter((m) => !known.has(m.text));
    if (expect.memories.new !== undefined)
      f.push(
        ...checkCount(
          `new memories [${fresh.map((m) => quote(m.text)).join(', ')}]`,
          expect.memories.new,
          fresh.length,
        ),
      );
    for (const c of expect.memories.contains ?? [])
      if (!active.some((m) => lower(m.text).includes(lower(c))))
        f.push(
          `no memory mentions "${c}" (memories: ${active.map((m) => quote(m.text)).join(', ') || 'none'})`,
        );
    for (const c of [...(expect.memories.gone ?? []), ...(expect.memories.not_contains ?? [])]) {
      const hit = active.find((m) => lower(m.text).includes(lower(c)));
      if (hit) f.push(`a memory still says ${quote(hit.text)}`);
    }
  }
  if (expect.redemptions !== undefined)
    f.push(...checkCount('redemptions', expect.redemptions, final.redemptions - baseline.redemptions));
  const pointsDelta = final.points - baseline.points;
  if (expect.points_delta !== undefined)
    f.push(...checkCount('points gained', expect.points_delta, pointsDelta));
  if (expect.points_unchanged && pointsDelta !== 0) f.push(`points changed by ${pointsDelta}`);
  if (expect.focus) {
    const fresh = added(baseline.focus, final.focus);
    if (expect.focus.count !== undefined)
      f.push(...checkCount('focus sessions', expect.focus.count, fresh.length));
    if (expect.focus.minutes !== undefined && !fresh.some((s) => s.plannedMinutes === expect.focus?.minutes))
      f.push(
        `focus sessions of ${JSON.stringify(fresh.map((s) => s.plannedMinutes))} minutes, want ${expect.focus.minutes}`,
      );
  }
  if (expect.no_missed_reminders) {
    for (const job of final.reminders) {
      const task = final.tasks.find((t) => t._id === job.taskId);
      if (!task || before.has(task._id) || job.deferred) continue;
      if (task.createdAt.getTime() - job.sendAt.getTime() > MISSED_AFTER_MS)
        f.push(
          `${quote(task.title)} has a reminder for ${localMinute(job.sendAt, ctx.timezone)}, before it was created: it would go out as "missed"`,
        );
    }
  }
  if (expect.audit) {
    const fresh = added(baseline.audit, final.audit).map((a) => a.action);
    const pattern = new RegExp(expect.audit, 'i');
    if (!fresh.some((a) => pattern.test(a)))
      f.push(`no audit entry like /${expect.audit}/ (new entries: ${fresh.join(', ') || 'none'})`);
  }
  return f;
};
