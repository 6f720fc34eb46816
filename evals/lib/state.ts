import type { TaskDoc } from '../../src/domain/tasks/index.js';
import type { TimerJob } from '../../src/jobs/index.js';
import type { Deps } from '../../src/main.js';

// What a person's data looks like at one moment: read straight from MongoDB and the reminders queue, so checks see
// the end state rather than what the assistant said it did.

export type ReminderJob = { taskId: string; sendAt: Date; deferred: boolean };

export type PersonState = {
  tasks: TaskDoc[];
  moods: { id: string; mood: number; energy: number; note: string | null }[];
  memories: { text: string; kind: string; supersededBy: string | null }[];
  redemptions: number;
  points: number;
  focus: { id: string; plannedMinutes: number; status: string }[];
  audit: { id: string; action: string }[];
  reminders: ReminderJob[];
  /** Tasks with a check-back timer waiting (start mode: "I'll check back in 5 minutes"). */
  checkbacks: string[];
  usage: { inputTokens: number; outputTokens: number; costUsd: number; calls: number };
};

const LONG_TERM_KINDS = ['preference', 'trigger', 'what_helped', 'commitment', 'fact'];

export const readState = async (deps: Deps, userId: string): Promise<PersonState> => {
  const db = deps.database.db;
  const [tasks, moods, memories, redemptions, ledger, focus, audit, usage, jobs] = await Promise.all([
    db.collection<TaskDoc>('tasks').find({ userId }).toArray(),
    db.collection('mood_logs').find({ userId }).toArray(),
    db
      .collection('memories')
      .find({ userId, kind: { $in: LONG_TERM_KINDS } })
      .toArray(),
    db.collection('redemptions').countDocuments({ userId }),
    db.collection('points_ledger').find({ userId }).toArray(),
    db.collection('focus_sessions').find({ userId }).toArray(),
    db.collection('audit_log').find({ userId }).toArray(),
    db.collection('llm_usage').find({ userId }).toArray(),
    deps.jobs.queues.reminders.getJobs(['delayed', 'waiting', 'prioritized']),
  ]);
  return {
    tasks,
    moods: moods.map((m) => ({
      id: String(m._id),
      mood: m.mood as number,
      energy: m.energy as number,
      note: (m.note as string | null) ?? null,
    })),
    memories: memories.map((m) => ({
      text: m.text as string,
      kind: m.kind as string,
      supersededBy: (m.supersededBy as string | null) ?? null,
    })),
    redemptions,
    points: ledger.reduce((sum, e) => sum + (e.points as number), 0),
    focus: focus.map((f) => ({
      id: String(f._id),
      plannedMinutes: f.plannedMinutes as number,
      status: f.status as string,
    })),
    audit: audit.map((a) => ({ id: String(a._id), action: a.action as string })),
    reminders: jobs.flatMap((job) => {
      const data = job?.data as TimerJob | undefined;
      if (!data || data.type !== 'reminder' || data.userId !== userId) return [];
      return [
        {
          taskId: data.taskId,
          sendAt: new Date(data.dueAtMs - data.offsetMinutes * 60_000),
          deferred: data.deferred ?? false,
        },
      ];
    }),
    checkbacks: jobs.flatMap((job) => {
      const data = job?.data as TimerJob | undefined;
      return data?.type === 'checkback' && data.userId === userId ? [data.taskId] : [];
    }),
    usage: {
      calls: usage.length,
      inputTokens: usage.reduce((s, u) => s + (u.inputTokens as number), 0),
      outputTokens: usage.reduce((s, u) => s + (u.outputTokens as number), 0),
      costUsd: usage.reduce((s, u) => s + (u.costUsd as number), 0),
    },
  };
};

/** Another person's data in a comparable form: any difference means the conversation reached it. */
export const fingerprint = (state: PersonState): string =>
  JSON.stringify({
    tasks: state.tasks
      .map((t) => [t._id, t.title, t.status, t.notes, t.deletedAt?.toISOString() ?? null, t.version])
      .sort(),
    moods: state.moods.length,
    memories: state.memories.map((m) => [m.text, m.supersededBy]).sort(),
    redemptions: state.redemptions,
    points: state.points,
    focus: state.focus.length,
  });
