import type { MemoryService } from '../../memory/index.js';
import { AppError } from '../../shared/errors.js';
import type { ToolContext } from '../tool.js';

/** The memory service of this connection; an edge that did not wire it gets a clear, retryable refusal. */
export const memoryOf = (ctx: ToolContext): MemoryService => {
  if (!ctx.memory) throw new AppError('UNAVAILABLE', "Memory isn't available on this connection right now.");
  return ctx.memory;
};
