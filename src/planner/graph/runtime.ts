import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import type { Agents } from '../../agents/index.js';
import type { Domain } from '../../domain/index.js';
import type { MemoryService } from '../../memory/index.js';
import type { Clock, Logger } from '../../shared/index.js';
import type { ConverseEvent, ReplyBudget, ReplyPart } from '../conversation-types.js';
import type { CrisisResources } from '../guardrails/crisis-resources.js';
import type { PersonCache } from '../person-cache.js';
import type { ToolGateway } from '../tools/tool-hub.js';

/** Long-lived services every node uses (built once per process). */
export type PlannerServices = {
  domain: Domain;
  agents: Agents;
  memory: MemoryService;
  logger: Logger;
  clock: Clock;
  people: PersonCache;
  /** Decide rounds per turn (each LLM call is one). */
  stepLimit: number;
  /** Tool calls per turn, lookups included. */
  toolCallLimit: number;
  /** One LLM call (all its retries included) never takes longer than this. */
  llmDeadlineMs: number;
  /** Crisis lines per country, defaults included. */
  crisisResources: CrisisResources;
};

/** What one turn runs with besides its state: never checkpointed. */
export type TurnRuntime = {
  /**
   * Settles when the turn may act: its message is claimed (a duplicate's run stops here). The graph starts while
   * the claim is written; load_context waits for it, so nothing is decided, called or sent before.
   */
  admitted: Promise<void>;
  gateway: ToolGateway;
  /** The room the turn's channel has for the reply. */
  budget: ReplyBudget;
  emit: (event: ConverseEvent) => void;
  /** Streams reply text (within the channel's budget); everything streamed is the start of the reply's text. */
  streamText: (delta: string) => void;
  streamed: () => string;
  /** Stores the final reply (already within the channel's budget) and hands it out; resolves once it is stored. */
  replied: (reply: { parts: ReplyPart[]; text: string }, basicMode: boolean) => Promise<void>;
  signal: AbortSignal | undefined;
  /** Work started once the reply is stored (memory writes); the thread's next turn and shutdown wait for it. */
  defer: (later: () => Promise<unknown>) => void;
  /** Time spent waiting for the LLM and for tools, so the planner's own time can be measured. */
  timing: { llmMs: number; toolMs: number; toolCalls: number };
  /** Calls of tools that change something, counted when they start (a write sent may land even if it fails). */
  effects: { writes: number };
  toJSON: () => string;
};

export const runtimeOf = (config: LangGraphRunnableConfig): TurnRuntime => {
  const runtime = config.configurable?.runtime as TurnRuntime | undefined;
  if (!runtime) throw new Error('planner: the turn runtime is missing from the graph config');
  return runtime;
};

/** The thread key the memory and the checkpointer use: unique per person, channel and channel thread. */
export const threadKeyOf = (turn: { userId: string; channel: string; threadId: string }) =>
  `${turn.userId}:${turn.channel}:${turn.threadId}`;
