import {
  defaultPreferences,
  getMoodPatterns,
  listFocusSessions,
  listTasks,
  type Actor,
  type Domain,
  type Preferences,
  type Task,
} from '../../domain/index.js';
import type { Logger } from '../../shared/index.js';
import { learnPace, neutralPace, type WorkHistory } from '../chains/breakdown/pace.js';
import type { PersonalPace } from '../chains/breakdown/schema.js';
import type { MemoryContext, MemorySource } from '../chains/memory-context.js';
import type { Interval, TimeOfDayChoice } from '../chains/scheduling.js';

export type Person = { name: string; timezone: string; preferences: Preferences };

/** Profile basics; a person without a profile (should not happen) gets the defaults rather than an error. */
export const loadPerson = async (domain: Domain, userId: string): Promise<Person> => {
  const user = await domain.users.get(userId);
  return {
    name: user?.name ?? 'friend',
    timezone: user?.timezone ?? 'UTC',
    preferences: user?.preferences ?? defaultPreferences,
  };
};

const MAX_SESSION_MINUTES = 8 * 60;

/** Start-to-done minutes of a task from its status history, when it was started and finished within a working day. */
const minutesWorked = (task: Task): number | null => {
  const started = task.statusHistory.find((h) => h.status === 'in_progress');
  const done = task.statusHistory.findLast((h) => h.status === 'done');
  if (!started || !done) return null;
  const minutes = (Date.parse(done.at) - Date.parse(started.at)) / 60_000;
  return minutes >= 1 && minutes <= MAX_SESSION_MINUTES ? Math.round(minutes) : null;
};

/** Finished steps and timed tasks: focus sessions first (measured), then start-to-done time. */
export const loadWorkHistory = async (domain: Domain, actor: Actor): Promise<WorkHistory> => {
  const [steps, done, sessions] = await Promise.all([
    listTasks(domain, actor, { status: ['done'], topLevel: false, sort: 'updated', limit: 100 }),
    listTasks(domain, actor, { status: ['done'], sort: 'updated', limit: 100 }),
    listFocusSessions(domain, actor, { limit: 100 }),
  ]);
  const focused = new Map<string, number>();
  for (const session of sessions) {
    if (session.taskId && session.status !== 'active')
      focused.set(session.taskId, (focused.get(session.taskId) ?? 0) + session.focusedMinutes);
  }
  const timed = done.items.flatMap((task) => {
    if (!task.estimateMinutes) return [];
    const actualMinutes = focused.get(task.id) ?? minutesWorked(task);
    return actualMinutes ? [{ estimateMinutes: task.estimateMinutes, actualMinutes }] : [];
  });
  return {
    finishedStepMinutes: steps.items.flatMap((t) => (t.estimateMinutes ? [t.estimateMinutes] : [])),
    timed,
  };
};

/** The person's pace; neutral when their history cannot be read, so a chain still answers. */
export const loadPace = async (domain: Domain, actor: Actor, logger: Logger): Promise<PersonalPace> => {
  try {
    return learnPace(await loadWorkHistory(domain, actor));
  } catch (error) {
    logger.warn({ err: (error as Error).message }, 'could not learn personal pace; using neutral estimates');
    return neutralPace;
  }
};

/** The time of day with the highest average energy over enough mood logs, or null. */
export const loadEnergyPeak = async (domain: Domain, actor: Actor): Promise<TimeOfDayChoice | null> => {
  const patterns = await getMoodPatterns(domain, actor, { days: 60 });
  const candidates = patterns.byTimeOfDay.filter(
    (slot) => slot.count >= 3 && slot.averageEnergy !== null && slot.timeOfDay !== 'night',
  );
  const best = candidates.sort((a, b) => b.averageEnergy! - a.averageEnergy!)[0];
  return best ? (best.timeOfDay as TimeOfDayChoice) : null;
};

/** Open tasks with a set time, as busy intervals ending at that time. */
export const busyFrom = (tasks: Task[]): Interval[] =>
  tasks.flatMap((task) => {
    if (!task.dueAt) return [];
    const end = new Date(task.dueAt);
    return [{ start: new Date(end.getTime() - (task.estimateMinutes ?? 30) * 60_000), end }];
  });

/** Memory for a query; empty (and logged) when memory is off or failing, so chains never depend on it. */
export const loadMemory = async (
  memory: MemorySource | undefined,
  userId: string,
  query: string,
  logger: Logger,
): Promise<MemoryContext | undefined> => {
  if (!memory) return undefined;
  try {
    return await memory.context(userId, { query: query.slice(0, 2000) });
  } catch (error) {
    logger.warn({ err: (error as Error).message }, 'memory context unavailable; continuing without it');
    return undefined;
  }
};
