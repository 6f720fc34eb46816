import type { ReplyPart, TaskSummary } from '../conversation-types.js';
import type { ToolOutcome } from '../graph/state.js';
import { toolErrorText } from '../offline/templates.js';
import { morePresenters, presentSavedBreakdown } from './present-more.js';

/** What one tool result contributes to a reply: sentences (offline text) and rich parts (every path). */
export type { Presented } from './presented.js';
import { dueWords, type Presented } from './presented.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- results were validated by each tool's output schema
type Data = any;

const isoOrNull = (value: unknown): string | null => {
  if (typeof value !== 'string' || value === '') return null;
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

/** The compact task shape every channel renders. */
export const toTaskSummary = (task: Data): TaskSummary => ({
  id: String(task.id),
  title: String(task.title),
  status: String(task.status ?? 'todo'),
  due: isoOrNull(task.dueAt) ?? isoOrNull(task.dueDate),
  estimateMinutes: typeof task.estimateMinutes === 'number' ? task.estimateMinutes : null,
});

const quoted = (title: unknown) => `“${String(title)}”`;
const messageOf = (data: Data): string | null =>
  typeof data?.message === 'string' && data.message ? data.message : null;

/** " for Tue 11 Mar, 5:00 PM, repeating every weekday. I'll remind you then.": what the person can check at a glance. */
const scheduleWords = (t: Data): string => {
  const due = dueWords(t);
  const reminders = Array.isArray(t.reminders) ? (t.reminders as number[]) : [];
  const before = reminders
    .filter((m) => m > 0)
    .map((m) => (m % 1440 === 0 ? `${m / 1440} d` : m % 60 === 0 ? `${m / 60} h` : `${m} min`));
  const remind =
    reminders.length === 0
      ? ''
      : ` I'll remind you ${[...before.map((b) => `${b} before`), ...(reminders.includes(0) ? ['then'] : [])].join(' and ')}.`;
  return `${due ? ` for ${due}` : ''}${t.recurrenceText ? `, repeating ${String(t.recurrenceText)}` : ''}.${remind}`;
};

const taskButtons = (task: Data): ReplyPart => ({
  type: 'choices',
  prompt: `${quoted(task.title)}: what next?`,
  choices: [
    { label: 'Start it', action: { type: 'start_task', taskId: String(task.id) } },
    { label: 'Done', action: { type: 'complete_task', taskId: String(task.id) } },
    { label: 'Later (30 min)', action: { type: 'snooze_task', taskId: String(task.id), minutes: 30 } },
  ],
});

const presenters: Record<string, (data: Data, args: Record<string, unknown>) => Presented> = {
  create_task: (t) => ({
    lines: [`Added ${quoted(t.title)}${scheduleWords(t)}`],
    parts: [{ type: 'task_list', title: 'Added', tasks: [toTaskSummary(t)] }],
    taskId: t.id,
  }),
  list_tasks: (page) => {
    const items = (page.items ?? []) as Data[];
    if (items.length === 0) return { lines: ['Nothing open here. Enjoy the space!'], parts: [] };
    return {
      lines: [
        `Here ${items.length === 1 ? 'is 1 task' : `are ${items.length} tasks`}${page.nextCursor ? ` (of ${page.total})` : ''}.`,
      ],
      parts: [{ type: 'task_list', title: 'Your tasks', tasks: items.map(toTaskSummary) }],
      taskId: items.length === 1 ? items[0].id : null,
    };
  },
  complete_task: (r) => {
    const c = r.celebration ?? {};
    const lines = r.alreadyDone
      ? [`${quoted(r.task.title)} was already done. Still counts!`]
      : [messageOf(r) ?? `Done: ${quoted(r.task.title)}!`];
    const parts: ReplyPart[] = [
      {
        type: 'celebration',
        text: c.message ?? lines[0],
        pointsAwarded: c.pointsAwarded ?? 0,
        balance: c.balance ?? 0,
        streakDays: c.streak?.current ?? 0,
      },
    ];
    if (!r.alreadyDone && c.pointsAwarded > 0)
      lines.push(
        `+${c.pointsAwarded} points (${c.balance} total), streak: ${c.streak?.current ?? 0} day(s).`,
      );
    if (r.nextOccurrence) lines.push(`Next one: ${quoted(r.nextOccurrence.title)}.`);
    return { lines, parts, taskId: r.task.id };
  },
  delete_task: (r) => ({
    lines: [`Deleted ${quoted(r.task?.title)}. You can restore it if you change your mind.`],
    parts: [],
  }),
  log_mood: (m) => ({
    lines: [
      m.mood <= 2 || m.energy <= 2
        ? 'Thanks for telling me. Noted, and we can keep things small today.'
        : 'Noted, thanks for checking in!',
    ],
    parts: [],
  }),
  break_down_task: (r) => {
    const steps = (r.breakdown?.steps ?? []) as Data[];
    if (r.saved && steps.length > 0) return presentSavedBreakdown(r);
    if (r.saved) return { lines: [`Saved ${r.saved.created?.length ?? 0} steps.`], parts: [] };
    return {
      lines: [
        `Here are some small steps for ${quoted(r.breakdown?.task?.title)}:`,
        ...steps.map((s, i) => `${i + 1}. ${s.title} (${s.minutes} min)`),
      ],
      parts: [],
      taskId: r.breakdown?.task?.id ?? null,
    };
  },
  get_motivation: (m) => ({
    lines: [m.message, ...(m.tinyNextStep ? [`Tiny next step: ${m.tinyNextStep}`] : [])],
    parts: [],
  }),
  get_points: (p) => ({
    lines: [`You have ${p.balance} points (level ${p.level}, ${p.pointsToNextLevel} to the next level).`],
    parts: [],
  }),
  plan_day: (plan) => {
    const tasks = ((plan.blocks ?? []) as Data[]).filter((b) => b.kind === 'task').slice(0, 3);
    return {
      lines: [
        plan.summary ?? 'Here is a gentle plan.',
        ...tasks.map((b, i) => `${i + 1}. ${b.title} (${b.minutes} min)`),
      ],
      parts: tasks.length
        ? [
            {
              type: 'task_list',
              title: 'Top priorities',
              tasks: tasks.map((b) => ({
                id: String(b.taskId),
                title: b.title,
                status: 'todo',
                due: null,
                estimateMinutes: b.minutes,
              })),
            },
          ]
        : [],
    };
  },
  remember: (r) => ({
    lines: [r.isNew ? "Got it, I'll remember that." : 'I already knew that, thanks for confirming.'],
    parts: [],
  }),
  recall: (r) => ({
    lines: (r.memories ?? []).length
      ? (r.memories as Data[]).map((m) => `- ${m.text}`)
      : ["I don't have anything on that."],
    parts: [],
  }),
  forget: (r) => ({
    lines: [
      (r.forgotten ?? []).length ? `Forgotten (${r.forgotten.length}).` : 'There was nothing to forget.',
    ],
    parts: [],
  }),
  fresh_start: (r) => ({ lines: [messageOf(r) ?? `Moved ${r.count} tasks to the coming days.`], parts: [] }),
  list_rewards: (r) => ({
    lines: (r.items ?? []).length
      ? (r.items as Data[]).map((x) => `- ${x.title} (${x.cost} points)`)
      : ['Your reward store is empty. Add something you would enjoy!'],
    parts: [],
  }),
  redeem_reward: (r) => ({ lines: [messageOf(r) ?? `Enjoy it! ${r.balance} points left.`], parts: [] }),
  suggest_next_task: (r) => {
    const t = r.task;
    if (!t)
      return { lines: [messageOf(r) ?? 'Nothing needs you right now. A short break counts too.'], parts: [] };
    const lines = [messageOf(r) ?? `Let's do just one thing: ${quoted(t.title)}.`];
    if (r.firstStep?.title)
      lines.push(
        `First tiny step: ${r.firstStep.title}${r.firstStep.minutes ? ` (${r.firstStep.minutes} min)` : ''}.`,
      );
    return {
      lines,
      parts: [
        { type: 'task_list', title: 'One thing', tasks: [toTaskSummary({ ...t, dueAt: t.due })] },
        taskButtons(t),
      ],
      taskId: t.id,
    };
  },
  start_task: (r) => ({
    lines: [messageOf(r) ?? `Just the first step: ${r.firstStep?.title}. I'll check back soon.`],
    parts: [
      {
        type: 'choices',
        prompt: `First step: ${r.firstStep?.title ?? 'open it and look'}`,
        choices: [
          {
            label: 'Did it',
            action: { type: 'complete_task', taskId: String(r.firstStep?.stepId ?? r.taskId) },
          },
          { label: 'Smaller steps', action: { type: 'break_down', taskId: String(r.taskId) } },
          { label: 'Not now', action: { type: 'snooze_task', taskId: String(r.taskId), minutes: 30 } },
        ],
      },
    ],
    taskId: r.taskId,
  }),
  snooze_task: (r, args) => ({
    lines: [`Okay, I'll check back in ${typeof args.minutes === 'number' ? args.minutes : 15} minutes.`],
    parts: [],
    taskId: r.taskId,
  }),
  review_day: (r) => {
    const done = (r.completed?.items ?? []) as Data[];
    const lines = [messageOf(r) ?? 'Here is your day.'];
    if (r.tomorrow) lines.push(`One idea for tomorrow: ${quoted(r.tomorrow.title)}.`);
    return {
      lines,
      parts: done.length
        ? [
            {
              type: 'task_list',
              title: 'Done today',
              tasks: done.map((t) => toTaskSummary({ ...t, status: 'done', dueAt: t.due ?? null })),
            },
          ]
        : [],
    };
  },
};

/** Turns one tool outcome into reply lines and parts; failures become a kind sentence with the tool's safe message. */
export const presentOutcome = (outcome: ToolOutcome): Presented => {
  if (!outcome.ok) return { lines: [toolErrorText(outcome.text)], parts: [] };
  const present = presenters[outcome.name] ?? morePresenters[outcome.name];
  if (present && outcome.data) {
    try {
      return present(outcome.data, outcome.args);
    } catch {
      // A result shape this presenter does not know (a newer tool version): fall back to the tool's own text.
    }
  }
  const message = messageOf(outcome.data);
  return { lines: [message ?? (outcome.text.length < 300 ? outcome.text : 'Done.')], parts: [] };
};
