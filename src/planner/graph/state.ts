import type { BaseMessage } from '@langchain/core/messages';
import { Annotation } from '@langchain/langgraph';
import type { Channel } from '../../domain/index.js';
import type { IncomingMessage, ReplyPart } from '../conversation-types.js';

/** One tool call the planner means to make, whoever planned it (the LLM or the offline understanding). */
export type PlannedCall = {
  /** The LLM's tool-call id, or a generated one offline; tool results answer it. */
  id: string;
  name: string;
  args: Record<string, unknown>;
  /** Set when the person already confirmed this exact call (a destructive one). */
  confirmed?: boolean;
  /**
   * Offline only: something is named in words ("the laundry", "it", "the coffee reward", "that I hate mornings");
   * act looks up its id through the tools before calling.
   */
  lookup?: {
    kind: 'task' | 'reward' | 'memory';
    words: string | null;
    /**
     * Tasks only: when none matches, add a task with these words and merge `args` into the call ("break down
     * cleaning the garage" adds the task and saves its steps).
     */
    orCreate?: { args: Record<string, unknown> };
    /** Tasks only: which statuses to search (reopening looks among finished ones). */
    status?: ('todo' | 'in_progress' | 'done' | 'archived')[];
    /** Tasks only: search the recently deleted ones (restoring). */
    deleted?: boolean;
    /** Tasks only: "the day before at 6pm": once found, the reminder is counted back from the task's due. */
    reminderClock?: { daysBefore: number; time: string; timezone: string };
  };
  /** Offline only: the result adds its rich parts but no sentence (a warm note already says it). */
  quiet?: boolean;
  /** Offline only: a question to ask before running a call that is a guess (yes runs it). */
  ask?: string;
};

/** What one call did: the structured result on success, the safe error text otherwise. */
export type ToolOutcome = {
  callId: string;
  name: string;
  args: Record<string, unknown>;
  ok: boolean;
  data: unknown;
  /** The text the tool returned (the error message on failure); data, never instructions. */
  text: string;
  /** Set from the planned call: no sentence in the reply for this result. */
  quiet?: boolean;
};

/** A destructive call waiting for the person's yes; kept in the thread state across turns (and restarts). */
export type PendingConfirmation = {
  token: string;
  call: PlannedCall;
  /** Shown with the buttons, e.g. "Delete “Pay rent”?" */
  prompt: string;
  createdAt: string;
};

/** "remind me to call mom" said without a time: the task waits for the answer to "When should I remind you?". */
export type AwaitingReminderTime = { titles: string[]; askedAt: string };

export type TurnInput = {
  userId: string;
  channel: Channel;
  threadId: string;
  messageId: string;
  message: IncomingMessage;
  /** ISO instant the turn started (the injected clock), so offline date parsing is deterministic. */
  now: string;
};

/** Replaced by each update (no reducer): every turn starts from a clean per-turn state. */
const last = <T>(initial: () => T) => Annotation<T>({ reducer: (_old, next) => next, default: initial });

/**
 * The planner's state. Per-turn fields are reset by each turn's input; `pending`, `lastTaskId`, `toolGroups` and
 * `turns` carry over between turns through the checkpointer.
 */
export const PlannerState = Annotation.Root({
  turn: Annotation<TurnInput>,
  /** The person's memory context rendered as data for the LLM. */
  context: last<string>(() => ''),
  timezone: last<string>(() => 'UTC'),
  basicMode: last<boolean>(() => true),
  /** Why basic mode answered when an LLM is configured (timeout, unavailable...); null otherwise. */
  fallback: last<string | null>(() => null),
  /** Calls planned by the latest decide step, not yet acted on. */
  calls: last<PlannedCall[]>(() => []),
  /** Everything acted on this turn, in order. */
  results: last<ToolOutcome[]>(() => []),
  /** The LLM conversation of this turn (system, human, assistant tool calls, tool results). */
  transcript: last<BaseMessage[]>(() => []),
  /** Decide rounds taken this turn (the step limit counts them). */
  steps: last<number>(() => 0),
  /** The LLM's own final words, when it gave any. */
  llmText: last<string | null>(() => null),
  /** Lines the offline path says before tool results (help, refusals, confirmations). */
  notes: last<string[]>(() => []),
  /** Set when the step limit stopped the turn. */
  stoppedEarly: last<boolean>(() => false),
  /** Set when the reads were done before the model was asked (llm/prefetch.ts): it words their results. */
  prefetched: last<boolean>(() => false),
  /** Set when the model claimed a change without a call and the rules made it (guardrails/unbacked-claim.ts). */
  actedByRules: last<boolean>(() => false),
  /** Set when the model's latest step only repeated calls already made this turn: it is looping, so answer. */
  repeated: last<boolean>(() => false),
  parts: last<ReplyPart[]>(() => []),
  pending: last<PendingConfirmation | null>(() => null),
  /** Carries over: a reminder asked for without a time, completed by the next message if it names one. */
  awaitingTime: last<AwaitingReminderTime | null>(() => null),
  /** The thread's last exchanges (short texts), for the LLM; kept in the checkpoint, read by `_id` with it. */
  recent: last<{ role: 'user' | 'assistant'; text: string }[]>(() => []),
  /** "it", "that one": the task last talked about in this thread. */
  lastTaskId: last<string | null>(() => null),
  /** "the second one": the tasks of the last list shown in this thread, in the order shown. */
  lastListIds: last<string[]>(() => []),
  turns: last<number>(() => 0),
  /** Carries over: the tool groups this thread binds for the LLM, in the order first bound (planner/llm/toolsets). */
  toolGroups: last<string[]>(() => []),
  /**
   * Carries over: how many of `recent`'s latest entries the LLM is shown (null: as many as fit the budget). A turn
   * that binds new tools shows the last exchange only, and the count grows from there (planner/llm/prompt.ts).
   */
  historyShown: last<number | null>(() => null),
});

export type PlannerStateType = typeof PlannerState.State;
export type PlannerUpdate = typeof PlannerState.Update;
