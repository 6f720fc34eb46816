import { END, START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph';
import { actNode } from './nodes/act.js';
import { decideNode } from './nodes/decide.js';
import { loadContextNode } from './nodes/load-context.js';
import { rememberNode } from './nodes/remember.js';
import { respondNode } from './nodes/respond.js';
import { afterAct, afterDecide } from './routes.js';
import type { PlannerServices } from './runtime.js';
import { PlannerState } from './state.js';

/** load_context -> decide -> (act -> decide)* -> respond -> remember, checkpointed per thread. */
export const buildPlannerGraph = (services: PlannerServices, checkpointer: BaseCheckpointSaver) =>
  new StateGraph(PlannerState)
    .addNode('load_context', loadContextNode(services))
    .addNode('decide', decideNode(services))
    .addNode('act', actNode(services))
    .addNode('respond', respondNode)
    .addNode('remember', rememberNode(services))
    .addEdge(START, 'load_context')
    .addEdge('load_context', 'decide')
    .addConditionalEdges('decide', afterDecide, ['act', 'respond'])
    .addConditionalEdges('act', afterAct(services), ['decide', 'respond'])
    .addEdge('respond', 'remember')
    .addEdge('remember', END)
    .compile({ checkpointer });

export type PlannerGraph = ReturnType<typeof buildPlannerGraph>;
