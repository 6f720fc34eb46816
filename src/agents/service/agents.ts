import type { Db } from 'mongodb';
import type { LlmConfig } from '../../config.js';
import type { Actor } from '../../domain/audit/audit-log.js';
import type { Domain } from '../../domain/deps.js';
import { getStreak, localDay } from '../../domain/gamification/index.js';
import { listMoods } from '../../domain/mood/index.js';
import { createTask, getTask, listTasks, type Task } from '../../domain/tasks/index.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { redactUrl, type Logger } from '../../shared/logger.js';
import { runAnalysis } from '../chains/analysis/run.js';
import type { AnalysisResult } from '../chains/analysis/schema.js';
import { runBreakdown } from '../chains/breakdown/run.js';
import type { BreakdownResult } from '../chains/breakdown/schema.js';
import { memoryOf, type MemorySource } from '../chains/memory-context.js';
import { runMotivation } from '../chains/motivation/run.js';
import type { MotivationResult } from '../chains/motivation/schema.js';
import { runPlanDay } from '../chains/plan-day/run.js';
import type { DayPlanResult } from '../chains/plan-day/schema.js';
import { runProofCheck } from '../chains/proof/run.js';
import type { Understanding } from '../chains/understanding/schema.js';
import { understand } from '../chains/understanding/understand.js';
import { createLlmProvider, type LlmProvider } from '../llm/provider.js';
import type { LlmCounters } from '../usage/llm-counters.js';
import { createUsageRepo, type UsageRepo, type UsageSummary } from '../usage/usage-repo.js';
import { busyFrom, loadEnergyPeak, loadMemory, loadPace, loadPerson } from './person-context.js';
import { resolveProofEvidence } from './proof-evidence.js';
import { awardProofPoints } from './proof-points.js';
import { saveStepsAsSubtasks } from './save-steps.js';
import {
  AnalyzeInputSchema,
  BreakDownInputSchema,
  MotivateInputSchema,
  PlanDayInputSchema,
  SaveStepsInputSchema,
  ValidateProofInputSchema,
  type AnalyzeInput,
  type BreakDownInput,
  type MotivateInput,
  type PlanDayInput,
  type ProofResult,
  type SavedSteps,
  type SaveStepsInput,
  type ValidateProofInput,
} from './schemas.js';

/** The agents layer as the rest of the app sees it: every call acts for the authenticated `actor` only. */
export type Agents = {
  provider: LlmProvider;
  usage: UsageRepo;
  breakDownTask: (actor: Actor, input: BreakDownInput) => Promise<BreakdownResult>;
  /** Accepted steps become subtasks (of the task, or of a new task made from `title`). */
  saveSteps: (actor: Actor, input: SaveStepsInput) => Promise<SavedSteps>;
  analyzeTask: (actor: Actor, input: AnalyzeInput) => Promise<AnalysisResult>;
  motivate: (actor: Actor, input?: MotivateInput) => Promise<MotivationResult>;
  validateProof: (actor: Actor, input: ValidateProofInput) => Promise<ProofResult>;
  planDay: (actor: Actor, input?: PlanDayInput) => Promise<DayPlanResult>;
  /** Basic mode's reading of a message (intent and slots), in the person's time zone. */
  understand: (actor: Actor, text: string) => Promise<Understanding>;
  usageSummary: (userId: string, days?: number) => Promise<UsageSummary>;
};

export type AgentsDeps = {
  config: LlmConfig;
  db: Db;
  domain: Domain;
  logger: Logger;
  clock: Clock;
  /** Optional: without it the chains run without memory. */
  memory?: MemorySource;
  /** For tests and custom setups; built from `config` otherwise. */
  provider?: LlmProvider;
  /** Deployment-wide LLM counters for /metrics. */
  counters?: LlmCounters;
  /** Hosts whose https image links may reach the model (PROOF_IMAGE_URL_HOSTS); default none: uploads only. */
  proofImageHosts?: readonly string[];
};

/** Deleted tasks are gone as far as the assistant is concerned. */
const ownTask = async (domain: Domain, actor: Actor, taskId: string): Promise<Task> => {
  const task = await getTask(domain, actor, taskId);
  if (task.deletedAt) throw new AppError('TASK_NOT_FOUND', "I couldn't find that task.");
  return task;
};

/** Builds the agents service: the LLM provider, usage accounting and the chains wired to the domain. */
export const createAgents = ({
  config,
  db,
  domain,
  logger,
  clock,
  memory,
  provider: given,
  counters,
  proofImageHosts = [],
}: AgentsDeps): Agents => {
  const usage = createUsageRepo(db, clock);
  const provider = given ?? createLlmProvider({ config, usage, counters, logger, clock });
  logger.info(
    config.enabled
      ? {
          llm: {
            model: config.model,
            models: config.models,
            baseUrl: config.baseUrl ? redactUrl(config.baseUrl) : 'https://api.openai.com/v1',
          },
        }
      : { llm: 'basic mode' },
    config.enabled ? 'LLM configured' : 'no LLM configured: the assistant runs in basic mode',
  );
  const run = { provider, logger };

  const describeTask = async (actor: Actor, input: { taskId?: string; title?: string; notes?: string }) => {
    if (!input.taskId)
      return { id: null, title: input.title!, notes: input.notes ?? null, dueAt: null as string | null };
    const task = await ownTask(domain, actor, input.taskId);
    return { id: task.id, title: task.title, notes: input.notes ?? task.notes, dueAt: task.dueAt };
  };

  return {
    provider,
    usage,

    breakDownTask: async (actor, raw) => {
      const input = BreakDownInputSchema.parse(raw);
      const task = await describeTask(actor, input);
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
      const task = await describeTask(actor, input);
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

    motivate: async (actor, raw = {}) => {
      const input = MotivateInputSchema.parse(raw);
      const task = input.taskId ? await ownTask(domain, actor, input.taskId) : null;
      const [person, moods, done, streak, context] = await Promise.all([
        loadPerson(domain, actor.userId),
        listMoods(domain, actor, { limit: 3 }),
        listTasks(domain, actor, { status: ['done'], sort: 'updated', limit: 5 }),
        getStreak(domain, actor),
        loadMemory(memory, actor.userId, task?.title ?? 'motivation encouragement what helps', logger),
      ]);
      const weekAgo = clock.now().getTime() - 7 * 86_400_000;
      return runMotivation(
        run,
        { userId: actor.userId, memory: context },
        {
          name: person.name,
          tone: person.preferences.tone,
          task: task && { title: task.title },
          recentMoods: moods.map((m) => ({ mood: m.mood, energy: m.energy, at: m.at })),
          wins: done.items
            .filter((t) => t.completedAt && Date.parse(t.completedAt) >= weekAgo)
            .map((t) => ({ title: t.title, completedAt: t.completedAt! })),
          streakDays: streak.current,
          whatHelped: memoryOf(context, ['what_helped']),
          seed: `${actor.userId}:${localDay(clock.now(), person.timezone)}:${task?.id ?? ''}`,
        },
      );
    },

    validateProof: async (actor, raw) => {
      const input = ValidateProofInputSchema.parse(raw);
      const task = await ownTask(domain, actor, input.taskId);
      const evidence = await resolveProofEvidence(
        { ...domain, allowedImageHosts: proofImageHosts },
        actor.userId,
        task.id,
        input.evidence,
      );
      const assessment = await runProofCheck(
        run,
        { userId: actor.userId },
        { task: { title: task.title, notes: task.notes }, evidence },
      );
      const points = await awardProofPoints(domain, actor, task.id, assessment.verdict);
      await domain.audit.record(actor, 'proof.validated', 'task', task.id, {
        verdict: assessment.verdict,
        confidence: assessment.confidence,
        mode: assessment.meta.mode,
        injectionSuspected: assessment.injectionSuspected,
      });
      return { ...assessment, taskId: task.id, points };
    },

    planDay: async (actor, raw = {}) => {
      const input = PlanDayInputSchema.parse(raw);
      const [person, pace, open, moods, context] = await Promise.all([
        loadPerson(domain, actor.userId),
        loadPace(domain, actor, logger),
        listTasks(domain, actor, { limit: 100 }),
        listMoods(domain, actor, { limit: 1 }),
        loadMemory(memory, actor.userId, 'plan my day', logger),
      ]);
      const latest = moods[0];
      const today = localDay(clock.now(), person.timezone);
      const energy =
        latest && localDay(new Date(latest.at), person.timezone) === today ? latest.energy : null;
      return runPlanDay(
        run,
        {
          userId: actor.userId,
          now: clock.now(),
          timezone: person.timezone,
          quietHours: person.preferences.quietHours,
          tasks: open.items.map((t) => ({
            id: t.id,
            title: t.title,
            priority: t.priority,
            dueAt: t.dueAt,
            dueDate: t.dueDate,
            isOverdue: t.isOverdue,
            estimateMinutes: t.estimateMinutes,
            energy: t.energy,
          })),
          energy,
          pace,
          memory: context,
        },
        input,
      );
    },

    understand: async (actor, text) => {
      const person = await loadPerson(domain, actor.userId);
      return understand(text, { now: clock.now(), timezone: person.timezone });
    },

    usageSummary: (userId, days = 30) => {
      const to = clock.now();
      return usage.summarize(userId, {
        from: new Date(to.getTime() - days * 86_400_000),
        to: new Date(to.getTime() + 1),
      });
    },
  };
};
