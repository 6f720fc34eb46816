import type { Agents } from '../../agents/index.js';
import { AppError } from '../../shared/errors.js';
import type { ToolContext } from '../tool.js';

/** The agents service of this connection; an edge that did not wire it gets a clear, retryable refusal. */
export const agentsOf = (ctx: ToolContext): Agents => {
  if (!ctx.agents)
    throw new AppError(
      'UNAVAILABLE',
      "The assistant's helpers aren't available on this connection right now.",
    );
  return ctx.agents;
};
