import {
  Command,
  END,
  START,
  StateGraph,
  type BaseCheckpointSaver,
  type LangGraphRunnableConfig,
} from '@langchain/langgraph';
import { actNode } from './nodes/act.js';
import { decideNode } from './nodes/decide.js';
import { loadContextNode } from './nodes/load-context.js';
import { rememberNode } from './nodes/remember.js';
import { respondNode } from './nodes/respond.js';
import { afterAct, afterDecide } from './routes.js';
import type { PlannerServices } from './runtime.js';
import { PlannerState, type PlannerStateType, type PlannerUpdate } from './state.js';

type Node = (state: PlannerStateType, config: LangGraphRunnableConfig) => Promise<PlannerUpdate>;

/**
 * A node that picks its successor with `route`, applied to the state as the node's update leaves it. It answers
 * with a Command instead of LangGraph running a separate conditional edge after it, which costs a traced
 * runnable per step on every turn (docs/planner.md, Measuring).
 */
const routed =
  <To extends string>(node: Node, route: (state: PlannerStateType) => To) =>
  async (state: PlannerStateType, config: LangGraphRunnableConfig) => {
    const update = await node(state, config);
    return new Command({ update, goto: route({ ...state, ...update } as PlannerStateType) });
  };

/** load_context -> decide -> (act -> decide)* -> respond -> remember, checkpointed per thread. */
export const buildPlannerGraph = (services: PlannerServices, checkpointer: BaseCheckpointSaver) =>
  new StateGraph(PlannerState)
    .addNode('load_context', loadContextNode(services))
    .addNode('decide', routed(decideNode(services), afterDecide), { ends: ['act', 'respond'] })
    .addNode('act', routed(actNode(services), afterAct(services)), { ends: ['decide', 'respond'] })
    .addNode('respond', respondNode)
    .addNode('remember', rememberNode(services))
    .addEdge(START, 'load_context')
    .addEdge('load_context', 'decide')
    .addEdge('respond', 'remember')
    .addEdge('remember', END)
    .compile({ checkpointer });

export type PlannerGraph = ReturnType<typeof buildPlannerGraph>;
