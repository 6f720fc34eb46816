import type { PlannedCall } from '../graph/state.js';

/** Makes planned tool calls with ids unique within the process (`offline_<prefix><n>`), as the LLM's own have. */
export const plannedCalls = (prefix = '') => {
  let counter = 0;
  return (
    name: string,
    args: Record<string, unknown> = {},
    extra: Partial<PlannedCall> = {},
  ): PlannedCall => ({
    id: `offline_${prefix}${(++counter).toString(36)}`,
    name,
    args,
    ...extra,
  });
};
