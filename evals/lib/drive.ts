import { randomBytes } from 'node:crypto';
import { createUiMessageEncoder } from '../../src/channels/web/index.js';
import type { Deps } from '../../src/main.js';
import type { ConversationAction, IncomingMessage, Reply, TurnStats } from '../../src/planner/index.js';
import type { Press, Turn } from './scenario-schema.js';
import type { SettableClock } from './seed.js';
import { parseSpan } from './when.js';

// Plays a scenario's turns through the planner's `converse`, the entry every channel (web chat, SMS, Slack) uses,
// pressing buttons the way a person would: the ones the last reply offered.

export type TurnRecord = {
  input: string;
  reply: string;
  /** The text the web chat displays for this turn: its stream encoder fed the turn's events. */
  shown: string;
  hasButtons: boolean;
  totalMs: number;
  llmMs: number;
  /** Requests the model server saw during this turn, when the runner can count them. */
  modelRequests: number | null;
  error: string | null;
  /** The conversation itself failed (an error event or a thrown turn), not the runner's press or lookup. */
  crashed: boolean;
  /** Model calls that failed during the turn and were answered in basic mode (e.g. `planner:timeout`). */
  modelFailures: string[];
};

export type DriveContext = {
  deps: Deps;
  clock: SettableClock;
  userId: string;
  runLabel: string;
  /** The other person's task ids by title, for turns that try to reach them. */
  otherTaskIds: Map<string, string>;
  countModelRequests?: () => number;
  /** The model failures the app logged since the last call. */
  takeModelFailures?: () => string[];
};

type Seen = { replies: Reply[] };

const choicesOf = (reply: Reply | undefined) =>
  (reply?.parts ?? []).flatMap((p) => (p.type === 'choices' ? p.choices : []));

/** The open tasks of the task cards in a reply, in order (each card has its own buttons). */
const cardsOf = (reply: Reply | undefined) =>
  (reply?.parts ?? []).flatMap((p) =>
    p.type === 'task_list' ? p.tasks.filter((t) => t.status !== 'done') : [],
  );

const cardActions = {
  done: (taskId: string): ConversationAction => ({ type: 'complete_task', taskId }),
  snooze: (taskId: string): ConversationAction => ({ type: 'snooze_task', taskId, minutes: 15 }),
  break_down: (taskId: string): ConversationAction => ({ type: 'break_down', taskId }),
};

/** The last task a reply showed or offered a button for. */
const lastShownTask = (seen: Seen): string | null => {
  for (const reply of [...seen.replies].reverse()) {
    const ids: string[] = [];
    for (const part of reply.parts) {
      if (part.type === 'task_list') ids.push(...part.tasks.map((t) => t.id));
      if (part.type === 'choices')
        for (const c of part.choices) if ('taskId' in c.action) ids.push(c.action.taskId);
    }
    if (ids.length > 0) return ids.at(-1)!;
  }
  return null;
};

const taskByTitle = async (ctx: DriveContext, title: string): Promise<string | null> => {
  const tasks = await ctx.deps.database.db
    .collection<{ _id: string; title: string; createdAt: Date }>('tasks')
    .find({ userId: ctx.userId, deletedAt: null })
    .toArray();
  const hit = tasks
    .filter((t) => t.title.toLowerCase().includes(title.toLowerCase()))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  return hit?._id ?? null;
};

/** The action a press stands for, or why the person could not press it. */
const actionFor = async (
  press: Press,
  ctx: DriveContext,
  seen: Seen,
): Promise<ConversationAction | string> => {
  const last = seen.replies.at(-1);
  const choices = choicesOf(last);
  if (typeof press === 'string') {
    const type = press === 'cancel' ? 'cancel' : 'confirm';
    const choice = choices.find((c) => c.action.type === type);
    return choice?.action ?? `the last reply offers no ${type} button`;
  }
  if ('choice' in press)
    return choices[press.choice - 1]?.action ?? `the last reply has no button number ${press.choice}`;
  if ('label' in press) {
    const pattern = new RegExp(press.label, 'i');
    const choice = choices.find((c) => pattern.test(c.label));
    return choice?.action ?? `the last reply has no button like "${press.label}"`;
  }
  if ('card' in press) {
    const cards = cardsOf(last);
    const card =
      press.card === 'first'
        ? cards[0]
        : press.card === 'last'
          ? cards.at(-1)
          : cards.find((t) => t.title.toLowerCase().includes(press.card.toLowerCase()));
    return card ? cardActions[press.button](card.id) : `the last reply shows no task card "${press.card}"`;
  }
  const taskId =
    press.task === '$last'
      ? lastShownTask(seen)
      : press.task.startsWith('other:')
        ? (ctx.otherTaskIds.get(press.task.slice(6)) ?? null)
        : await taskByTitle(ctx, press.task);
  if (!taskId) return `no task "${press.task}" to press ${press.action} on`;
  if (press.action === 'snooze_task') return { type: 'snooze_task', taskId, minutes: press.minutes ?? 15 };
  return { type: press.action, taskId };
};

const describe = (turn: Turn): string => {
  if ('say' in turn) return turn.say;
  if ('press' in turn)
    return `[press ${typeof turn.press === 'string' ? turn.press : JSON.stringify(turn.press)}]`;
  if ('proof' in turn) return `[proof for "${turn.proof.task}": ${turn.proof.text}]`;
  return `[wait ${turn.wait}]`;
};

let counter = 0;

/** Time spent inside model calls so far, as the app's own usage records measured it (chains and planner alike). */
const modelMsSoFar = async (ctx: DriveContext): Promise<number> => {
  const records = await ctx.deps.database.db
    .collection<{ latencyMs: number }>('llm_usage')
    .find({ userId: ctx.userId }, { projection: { latencyMs: 1 } })
    .toArray();
  return records.reduce((sum, r) => sum + (r.latencyMs ?? 0), 0);
};

/** Runs every turn; a turn that cannot be played (no such button) is recorded with its reason and skipped. */
export const playTurns = async (turns: Turn[], ctx: DriveContext): Promise<TurnRecord[]> => {
  const seen: Seen = { replies: [] };
  const records: TurnRecord[] = [];
  for (let turn of turns) {
    if ('wait' in turn) {
      ctx.clock.advance(parseSpan(turn.wait));
      continue;
    }
    if ('press' in turn && turn.press === 'confirm_if_asked') {
      const confirm = choicesOf(seen.replies.at(-1)).find((c) => c.action.type === 'confirm');
      if (!confirm) continue;
      turn = { press: 'confirm' };
    }
    let message: IncomingMessage | string;
    if ('say' in turn)
      message = {
        text: turn.say.replace(
          /\{\{other:([^}]+)\}\}/g,
          (_, title: string) => ctx.otherTaskIds.get(title) ?? title,
        ),
      };
    else if ('press' in turn) {
      const action = await actionFor(turn.press, ctx, seen);
      message = typeof action === 'string' ? action : { action };
    } else {
      const taskId = await taskByTitle(ctx, turn.proof.task);
      message = taskId
        ? { proof: { taskId, text: turn.proof.text } }
        : `no task "${turn.proof.task}" to send proof for`;
    }
    const record: TurnRecord = {
      input: describe(turn),
      reply: '',
      shown: '',
      hasButtons: false,
      totalMs: 0,
      llmMs: 0,
      modelRequests: null,
      error: null,
      crashed: false,
      modelFailures: [],
    };
    records.push(record);
    if (typeof message === 'string') {
      record.error = message;
      continue;
    }
    ctx.takeModelFailures?.(); // what earlier work logged is not this turn's
    const requestsBefore = ctx.countModelRequests?.();
    const modelMsBefore = await modelMsSoFar(ctx);
    let stats: TurnStats | undefined;
    const started = performance.now();
    const conversation = ctx.deps.conversations.converse(
      {
        userId: ctx.userId,
        channel: 'web',
        threadId: 'main',
        messageId: `${ctx.runLabel}-${++counter}-${randomBytes(3).toString('hex')}`,
        message,
      },
      { onStats: (s) => (stats = s) },
    );
    const encoder = createUiMessageEncoder();
    const blocks = new Map<string, string>();
    try {
      for await (const event of conversation.events) {
        if (event.type === 'error') {
          record.error = event.message;
          record.crashed = true;
        }
        for (const chunk of encoder.encode(event))
          if (chunk.type === 'text-delta') blocks.set(chunk.id, (blocks.get(chunk.id) ?? '') + chunk.delta);
      }
      record.shown = [...blocks.values()].join('\n');
      const reply = await conversation.reply;
      record.totalMs = performance.now() - started;
      seen.replies.push(reply);
      record.reply = reply.text;
      record.hasButtons = choicesOf(reply).length > 0;
    } catch (error) {
      record.totalMs = performance.now() - started;
      record.error = error instanceof Error ? error.message : String(error);
      record.crashed = true;
    }
    // Memory writes and usage records land after the reply; the next turn (and the checks) should see them.
    await ctx.deps.conversations.idle();
    // The planner times its own model step; the usage records also cover the chains it called.
    const planner = (stats as TurnStats | undefined)?.llmMs ?? 0;
    record.llmMs = Math.min(record.totalMs, Math.max(planner, (await modelMsSoFar(ctx)) - modelMsBefore));
    if (requestsBefore !== undefined && ctx.countModelRequests)
      record.modelRequests = ctx.countModelRequests() - requestsBefore;
    record.modelFailures = ctx.takeModelFailures?.() ?? [];
  }
  return records;
};
