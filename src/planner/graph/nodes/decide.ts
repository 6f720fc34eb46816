import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import { basicModeNotice, type FallbackReason } from '../../../agents/index.js';
import { accountRequestNote } from '../../guardrails/account-requests.js';
import { answerTo, CONFIRMATION_TTL_MS } from '../../guardrails/confirmation.js';
import { answerCrisis, crisisIn } from '../../guardrails/crisis-turn.js';
import { asksAboutAnotherPerson } from '../../guardrails/other-person.js';
import { withPersonsTime } from '../../guardrails/create-time.js';
import {
  addsFewerTasks,
  addsInsteadOfChanging,
  echoesRequest,
  ignoresRequest,
  mayBackClaim,
  unbackedClaim,
} from '../../guardrails/unbacked-claim.js';
import { AIMessage } from '@langchain/core/messages';
import { runLlmStep, type LlmStep } from '../../llm/llm-step.js';
import { prefetchFor } from '../../llm/prefetch.js';
import {
  planAction,
  planAwaitedTime,
  planProof,
  planText,
  type OfflinePlan,
} from '../../offline/plan-calls.js';
import { cancelledText, refusalOtherPerson } from '../../offline/templates.js';
import { notATaskId } from '../../guardrails/task-ids.js';
import { byRulesAlone, deletesByName } from '../../guardrails/rules-alone.js';
import { readingOf } from '../reading.js';
import { runtimeOf, type PlannerServices, type TurnRuntime } from '../runtime.js';
import type { PlannedCall, PlannerStateType, PlannerUpdate } from '../state.js';

/** Failures that say the endpoint is down or overwhelmed: they count towards opening the circuit breaker. */
const ENDPOINT_FAILURES = new Set<FallbackReason>(['timeout', 'unavailable', 'rate_limited']);

/** Why the LLM could not answer, in the agents layer's words (so the notice matches the chains'). */
const reasonOf = (error: unknown): FallbackReason => {
  const name = (error as { name?: string } | null)?.name ?? '';
  const status = (error as { status?: number } | null)?.status;
  if (name === 'TimeoutError' || /timeout|timed out/i.test(String((error as Error)?.message)))
    return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status && status >= 400 && status < 500) return 'rejected';
  return 'unavailable';
};

const offlinePlan = async (
  state: PlannerStateType,
  services: PlannerServices,
  runtime: TurnRuntime,
): Promise<OfflinePlan> => {
  const { message } = state.turn;
  if ('action' in message) return planAction(message);
  if ('proof' in message) return planProof(message);
  const now = new Date(state.turn.now);
  const available = new Set((await runtime.gateway.tools()).map((t) => t.name));
  return planText(message.text, readingOf(message.text, now, state.timezone), {
    now,
    timezone: state.timezone,
    available,
  });
};

type StepCalls = Pick<LlmStep, 'calls' | 'transcript'>;

/** Everything the model read before its calls (the last message is the calls themselves). */
const readText = (step: StepCalls): string =>
  step.transcript
    .slice(0, -1)
    .map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)))
    .join('\n');

/**
 * A call naming a task id the model never read anywhere in its prompt: made up ("task_1234567890"), or no id at all
 * (the 1.5B local model sent complete_task on "Reply to Jordan's email", and the person read "Input validation error").
 */
const namesUnreadTask = (call: PlannedCall, read: string): boolean =>
  notATaskId(call.args) || (typeof call.args.taskId === 'string' && !read.includes(call.args.taskId));

const inventedTaskIds = (step: StepCalls): boolean => {
  const read = readText(step);
  return step.calls.some((call) => namesUnreadTask(call, read));
};

/** The step with only the kept calls; the model's message keeps only those too (a call without a result is refused). */
const keepOnly = (step: StepCalls, kept: boolean[]): StepCalls => {
  const said = step.transcript.at(-1) as AIMessage;
  const answered = new AIMessage({
    content: said.content,
    tool_calls: (said.tool_calls ?? []).filter((_, i) => kept[i]),
  });
  return {
    calls: step.calls.filter((_, i) => kept[i]),
    transcript: [...step.transcript.slice(0, -1), answered],
  };
};

/**
 * A later step's calls on task ids the model never read are not made: they can only fail, and the person read "That
 * didn't work: I couldn't find that task." in reply to "I failed again, I'm useless" (the 1.5B local model, after
 * an empty list). The turn answers from what was done.
 */
const withoutUnreadIds = (step: StepCalls, services: PlannerServices): StepCalls => {
  const read = readText(step);
  const kept = step.calls.map((call) => !namesUnreadTask(call, read));
  if (kept.every(Boolean)) return step;
  const dropped = step.calls.filter((_, i) => !kept[i]).map((call) => call.name);
  services.logger.info({ dropped }, 'planner: a call on a task id the model never read was not made');
  return keepOnly(step, kept);
};

/**
 * The rules' calls instead of the model's step, when the rules read the message as a change they can make alone and
 * the model did not really make it: its words claim a change it made no call for ("I added buy milk", nothing
 * added; see guardrails/unbacked-claim.ts) or only repeat the request, its call names a task id it never read
 * (the 1.5B local model sent "done with buy milk" as complete_task on "task_1234567890", and the person heard "I
 * couldn't find that task"), it added a task for another kind of change ("push vacuum the stairs to tomorrow" as a
 * new task), or fewer tasks than the message names.
 * Null when the model's step stands.
 */
const callsByRules = async (
  state: PlannerStateType,
  services: PlannerServices,
  runtime: TurnRuntime,
  step: LlmStep,
): Promise<PlannedCall[] | null> => {
  const { message } = state.turn;
  if (!('text' in message)) return null;
  const reading = readingOf(message.text, new Date(state.turn.now), state.timezone);
  const why =
    step.calls.length > 0
      ? ((mayBackClaim(reading) || deletesByName(reading)) &&
          inventedTaskIds(step) &&
          'the model named a task id it never read') ||
        (addsInsteadOfChanging(step.calls, reading) && 'the model added a task for another change') ||
        (addsFewerTasks(step.calls, reading) && 'the model added fewer tasks than the message names')
      : unbackedClaim(step.text, reading)
        ? 'the model claimed a change it did not make'
        : (mayBackClaim(reading) &&
            echoesRequest(step.text, message.text) &&
            'the model only repeated the request') ||
          (ignoresRequest(step.text, reading) && 'the model neither made the change nor asked');
  if (!why) return null;
  const plan = await offlinePlan(state, services, runtime);
  if (plan.calls.length === 0 || plan.awaitingTime || plan.calls.some((call) => call.ask)) return null;
  services.logger.info({ intent: reading.intent }, `planner: ${why}`);
  return plan.calls;
};

/**
 * The model's calls after reads made before asking ("what should I do now?", "show my tasks"): the person asked to
 * see something, so a change that would take effect at once is not theirs (the 1.5B local model completed the task
 * it had just suggested). It is not made, and the turn answers instead of asking the model again. Reads go on, and
 * a change that needs the person's yes is still put to them: nothing happens without it.
 */
const afterARead = async (
  step: LlmStep,
  services: PlannerServices,
  runtime: TurnRuntime,
): Promise<StepCalls> => {
  const tools = new Map((await runtime.gateway.tools()).map((tool) => [tool.name, tool]));
  const kept = step.calls.map((call) => {
    const tool = tools.get(call.name);
    return !tool || tool.readOnly || tool.needsConfirmation;
  });
  if (kept.every(Boolean)) return step;
  const dropped = step.calls.filter((_, i) => !kept[i]).map((call) => call.name);
  services.logger.info({ dropped }, 'planner: a change the person did not ask for was not made');
  return keepOnly(step, kept);
};

/**
 * Whether the reads made before asking already are the answer, worded by a model: "plan my day" ran the plan chain,
 * whose model wrote the plan's summary and order. Asking the planner to word it again made it read the whole plan
 * once more (about 500 tokens, 10-20 s on a small local model) to say the same; the plan goes out as the chain wrote
 * it (respond presents it, top priorities included). A plan the chain made by rules after a model failure still
 * goes to the planner, which words it or notes the failure.
 */
const answeredByRead = (state: PlannerStateType): boolean => {
  const [only, ...others] = state.results;
  if (!only || others.length > 0 || !only.ok || only.name !== 'plan_day') return false;
  const meta = (only.data as { meta?: { basicModeReason?: unknown } } | null)?.meta;
  return meta !== undefined && meta.basicModeReason === null;
};

/** Answers a pending confirmation, if this message is the answer; null when the message is something else. */
const answerPending = (state: PlannerStateType): PlannerUpdate | null => {
  const { pending, turn } = state;
  const { message } = turn;
  if ('action' in message && (message.action.type === 'confirm' || message.action.type === 'cancel')) {
    const current = pending && message.action.token === pending.token;
    const fresh = current && Date.parse(turn.now) - Date.parse(pending.createdAt) < CONFIRMATION_TTL_MS;
    if (!fresh) {
      return { pending: null, calls: [], notes: ["That question has expired, so I didn't change anything."] };
    }
    return message.action.type === 'confirm'
      ? { pending: null, calls: [pending.call] }
      : { pending: null, calls: [], notes: [cancelledText] };
  }
  if (!pending || !('text' in message)) return null;
  const answer = answerTo(message.text);
  if (answer === null) return { pending: null }; // a new request: the question lapses
  if (Date.parse(turn.now) - Date.parse(pending.createdAt) >= CONFIRMATION_TTL_MS) {
    return { pending: null, calls: [], notes: ["That question has expired, so I didn't change anything."] };
  }
  return answer === 'yes'
    ? { pending: null, calls: [pending.call] }
    : { pending: null, calls: [], notes: [cancelledText] };
};

/**
 * Decides the next tool calls: confirmations and button presses first (deterministic), then the LLM with the
 * person's tools bound, or the offline understanding producing the same calls. An LLM failure before anything was
 * done falls back to basic mode for the turn; after tools ran, the turn answers from what was done.
 */
export const decideNode =
  (services: PlannerServices) =>
  async (state: PlannerStateType, config: LangGraphRunnableConfig): Promise<PlannerUpdate> => {
    const runtime = runtimeOf(config);
    const steps = state.steps + 1;
    if (state.steps === 0) {
      // Crisis language comes before everything, the LLM and any pending question included (docs/safety.md).
      const crisis = crisisIn(state.turn.message);
      if (crisis) {
        const resources = services.crisisResources;
        const text = await answerCrisis(
          { audit: services.domain.audit, logger: services.logger, resources },
          state.turn,
          crisis,
          state.timezone,
        );
        return { steps, pending: null, calls: [], notes: [text] };
      }
      const answered = answerPending(state);
      // "When should I remind you?" is open for one message only: each first step answers or drops it.
      const awaitingTime = null;
      if (answered && answered.calls !== undefined)
        return { ...answered, awaitingTime, steps, basicMode: true };
      const pendingCleared = { ...answered, awaitingTime };
      const { message } = state.turn;
      if ('text' in message && asksAboutAnotherPerson(message.text, state.turn.userId)) {
        return { ...pendingCleared, steps, calls: [], notes: [refusalOtherPerson], basicMode: true };
      }
      const accountNote = 'text' in message ? accountRequestNote(message.text) : null;
      if (accountNote) return { ...pendingCleared, steps, calls: [], notes: [accountNote], basicMode: true };
      const timeAnswer =
        'text' in message && state.awaitingTime
          ? planAwaitedTime(message.text, state.awaitingTime, {
              now: new Date(state.turn.now),
              timezone: state.timezone,
            })
          : null;
      if (timeAnswer)
        return {
          ...pendingCleared,
          steps,
          calls: timeAnswer.calls,
          notes: timeAnswer.notes,
          basicMode: true,
        };
      const basicMode = !('text' in message) || state.basicMode;
      if (
        basicMode ||
        byRulesAlone(message.text, state, readingOf(message.text, new Date(state.turn.now), state.timezone))
      ) {
        const plan = await offlinePlan(state, services, runtime);
        return {
          ...pendingCleared,
          steps,
          calls: plan.calls,
          notes: plan.notes,
          awaitingTime: plan.awaitingTime ?? null,
          basicMode,
          actedByRules: !basicMode,
        };
      }
      const { circuit } = services.agents.provider;
      if (!circuit.canCall()) {
        // The endpoint failed several times in a row: answer now instead of waiting for it to time out again.
        const plan = await offlinePlan(state, services, runtime);
        const notes = [basicModeNotice('circuit_open'), ...plan.notes];
        return {
          ...pendingCleared,
          steps,
          calls: plan.calls,
          notes,
          basicMode: true,
          fallback: 'circuit_open',
        };
      }
      // A plain read ("what's on my plate today?") runs first; the model then words its result.
      const prefetch = prefetchFor(state, await runtime.gateway.tools());
      if (prefetch) {
        return {
          ...pendingCleared,
          steps,
          calls: prefetch.calls,
          transcript: prefetch.transcript,
          prefetched: true,
          basicMode: false,
        };
      }
      try {
        const { message } = state.turn;
        const reading =
          'text' in message ? readingOf(message.text, new Date(state.turn.now), state.timezone) : null;
        const holdText = reading !== null && mayBackClaim(reading);
        const step = await runLlmStep(services.agents.provider, state, runtime, services.llmDeadlineMs, {
          holdText,
        });
        circuit.recordSuccess();
        const backing = await callsByRules(state, services, runtime, step);
        return {
          ...pendingCleared,
          steps,
          calls: backing ?? (reading ? withPersonsTime(step.calls, reading) : step.calls),
          transcript: step.transcript,
          llmText: step.text || null,
          toolGroups: step.toolGroups,
          historyShown: step.historyShown,
          basicMode: false,
          actedByRules: backing !== null,
        };
      } catch (error) {
        if (runtime.signal?.aborted) {
          circuit.release();
          return { ...pendingCleared, steps, calls: [] };
        }
        const reason = reasonOf(error);
        if (ENDPOINT_FAILURES.has(reason)) circuit.recordFailure();
        else circuit.release();
        services.logger.warn(
          { err: (error as Error).message, reason },
          'planner: LLM failed, answering in basic mode',
        );
        const plan = await offlinePlan(state, services, runtime);
        return {
          ...pendingCleared,
          steps,
          calls: plan.calls,
          notes: [basicModeNotice(reason), ...plan.notes],
          awaitingTime: plan.awaitingTime ?? null,
          basicMode: true,
          fallback: reason,
        };
      }
    }
    if (state.prefetched && answeredByRead(state)) return { steps, calls: [] };
    const { circuit } = services.agents.provider;
    try {
      const step = await runLlmStep(services.agents.provider, state, runtime, services.llmDeadlineMs);
      circuit.recordSuccess();
      const llmText = [state.llmText, step.text].filter(Boolean).join('') || null;
      const kept = withoutUnreadIds(
        state.prefetched ? await afterARead(step, services, runtime) : step,
        services,
      );
      const { message } = state.turn;
      // Every step times the new task alike, so a repeat of the first step's call is still seen as one.
      const reading =
        'text' in message ? readingOf(message.text, new Date(state.turn.now), state.timezone) : null;
      const calls = reading ? withPersonsTime(kept.calls, reading) : kept.calls;
      const { transcript } = kept;
      return { steps, calls, transcript, llmText, toolGroups: step.toolGroups };
    } catch (error) {
      if (runtime.signal?.aborted) return { steps, calls: [] };
      const reason = reasonOf(error);
      if (ENDPOINT_FAILURES.has(reason)) circuit.recordFailure();
      services.logger.warn({ err: (error as Error).message, reason }, 'planner: LLM failed after tools ran');
      return { steps, calls: [], notes: [basicModeNotice(reason)], fallback: reason, llmText: null };
    }
  };
