import type { ReplyPart } from '../conversation-types.js';
import { presentProfileUpdate } from './present-profile.js';
import { dueWords, type Presented } from './presented.js';

// Presenters for the tools basic mode reaches since issue 15: edits, focus blocks, memories, mood patterns, proof.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- results were validated by each tool's output schema
type Data = any;

const quoted = (title: unknown) => `“${String(title)}”`;

const average = (value: unknown) => (typeof value === 'number' ? value.toFixed(1) : null);

export const morePresenters: Record<string, (data: Data, args: Record<string, unknown>) => Presented> = {
  update_profile: presentProfileUpdate,
  update_task: (t, args) => {
    const changes = (args.changes ?? {}) as Record<string, unknown>;
    const due = typeof changes.dueDate === 'string' ? changes.dueDate : changes.dueAt;
    const line =
      typeof changes.title === 'string'
        ? `Renamed it to ${quoted(t.title)}.`
        : typeof due === 'string'
          ? `Moved ${quoted(t.title)} to ${dueWords(t) ?? due}.`
          : `Updated ${quoted(t.title)}.`;
    return { lines: [line], parts: [], taskId: t.id };
  },
  reopen_task: (t) => ({ lines: [`${quoted(t.title)} is open again.`], parts: [], taskId: t.id }),
  start_focus_session: (s) => ({
    lines: [
      `Focus block started: ${s.plannedMinutes} minutes${s.label ? ` for ${quoted(s.label)}` : ''}. ` +
        "Just this one thing; I'll be here when it ends.",
    ],
    parts: [],
    taskId: s.taskId ?? null,
  }),
  list_memories: (r) => {
    const memories = (r.memories ?? []) as Data[];
    if (memories.length === 0)
      return {
        lines: [
          'I don\'t have anything saved about you yet. Tell me things like "remember that I work best in the morning".',
        ],
        parts: [],
      };
    return {
      lines: [
        `Here is what I remember${r.hasMore ? ' (the most recent)' : ''}:`,
        ...memories.map((m) => `- ${String(m.text)}`),
      ],
      parts: [],
    };
  },
  get_mood_patterns: (p) => {
    const count = p.overall?.count ?? 0;
    if (count === 0)
      return {
        lines: [
          "You haven't logged a mood in the last weeks, so I can't see a pattern yet. Tell me how you feel any " +
            'time, like "feeling tired, energy 2".',
        ],
        parts: [],
      };
    const mood = average(p.overall?.averageMood);
    const energy = average(p.overall?.averageEnergy);
    const lines = [
      `From your ${count} check-in${count === 1 ? '' : 's'} lately: mood about ${mood ?? '?'}/5` +
        `${energy ? `, energy about ${energy}/5` : ''}.`,
      ...((p.highlights ?? []) as string[]).slice(0, 3),
    ];
    return { lines, parts: [] };
  },
  validate_proof: (r) => {
    const lines = [String(r.feedback ?? 'Thanks for the proof!')];
    if (r.verdict === 'approved') lines.unshift('Proof approved!');
    if (r.followUpQuestion) lines.push(String(r.followUpQuestion));
    if (r.points?.message) lines.push(String(r.points.message));
    return { lines, parts: [], taskId: r.taskId };
  },
};

/** Steps that were saved as subtasks, listed like a breakdown. */
export const presentSavedBreakdown = (r: Data): Presented => {
  const steps = (r.breakdown?.steps ?? []) as Data[];
  const parts: ReplyPart[] = [];
  return {
    lines: [
      `Here are small steps for ${quoted(r.saved.taskTitle)}, saved as its steps:`,
      ...steps.map((s, i) => `${i + 1}. ${s.title} (${s.minutes} min)`),
      'Start with step 1 when you are ready; "done with the first step" ticks it off.',
    ],
    parts,
    taskId: r.saved.taskId,
  };
};
