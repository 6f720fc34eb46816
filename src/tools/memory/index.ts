import { forgetTool } from './forget.js';
import { listMemoriesTool } from './list-memories.js';
import { recallTool } from './recall.js';
import { rememberTool } from './remember.js';

export { forgetTool, listMemoriesTool, recallTool, rememberTool };

/** The memory tools, in the order a person meets them, for the registry. */
export const memoryTools = [rememberTool, recallTool, listMemoriesTool, forgetTool] as const;
