import { createTask, listTasks, type Actor } from '../../domain/index.js';
import { runAnalysis } from '../chains/analysis/run.js';
import type { AnalysisResult } from '../chains/analysis/schema.js';
import { runBreakdown } from '../chains/breakdown/run.js';
import type { BreakdownResult } from '../chains/breakdown/schema.js';
import { busyFrom, loadEnergyPeak, loadMemory, loadPace, loadPerson } from './person-context.js';
import { saveStepsAsSubtasks } from './save-steps.js';
import {
  AnalyzeInputSchema,
  BreakDownInputSchema,
  SaveStepsInputSchema,
  type AnalyzeInput,
  type BreakDownInput,
  type SavedSteps,
  type SaveStepsInput,
} from './schemas.js';
import type { ChainServiceDeps } from './service-deps.js';
import { describeTask } from './task-subject.js';

/** The chains about one task: breaking it into steps, saving the steps, and when to do it. */
export type TaskChains = {
  breakDownTask: (actor: Actor, input: BreakDownInput) => Promise<BreakdownResult>;
  /** Accepted steps become subtasks (of the task, or of a new task made from `title`). */
  saveSteps: (actor: Actor, input: SaveStepsInput) => Promise<SavedSteps>;
  analyzeTask: (actor: Actor, input: AnalyzeInput) => Promise<AnalysisResult>;
};

export const createTaskChains = ({ domain, logger, clock, memory, run }: ChainServiceDeps): TaskChains => ({
  breakDownTask: async (actor, raw) => {
    const input = BreakDownInputSchema.parse(raw);
    const task = await describeTask(domain, actor, input);
    const [pace, context] = await Promise.all([
      loadPace(domain, actor, logger),
      loadMemory(memory, actor.userId, task.title, logger),
    ]);
    return runBreakdown(
      run,
      { userId: actor.userId, pace, memory: context },
      { taskId: task.id, title: task.title, notes: task.notes, granularity: input.granularity },
    );
  },

  saveSteps: async (actor, raw) => {
    const input = SaveStepsInputSchema.parse(raw);
    const parentId = input.taskId ?? (await createTask(domain, actor, { title: input.title! })).id;
    const { parent, created, skipped } = await saveStepsAsSubtasks(domain, actor, parentId, input.steps);
    return {
      taskId: parent.id,
      taskTitle: parent.title,
      created: created.map((t) => ({ id: t.id, title: t.title, minutes: t.estimateMinutes })),
      skipped,
    };
  },

  analyzeTask: async (actor, raw) => {
    const input = AnalyzeInputSchema.parse(raw);
    const task = await describeTask(domain, actor, input);
    const [person, pace, peak, open, context] = await Promise.all([
      loadPerson(domain, actor.userId),
      loadPace(domain, actor, logger),
      loadEnergyPeak(domain, actor).catch(() => null),
      listTasks(domain, actor, { hasDue: true, limit: 100 }),
      loadMemory(memory, actor.userId, task.title, logger),
    ]);
    return runAnalysis(
      run,
      {
        userId: actor.userId,
        now: clock.now(),
        timezone: person.timezone,
        quietHours: person.preferences.quietHours,
        busy: busyFrom(open.items.filter((t) => t.id !== task.id)),
        peak,
        pace,
        memory: context,
      },
      { taskId: task.id, title: task.title, notes: task.notes, dueAt: task.dueAt },
    );
  },
});
