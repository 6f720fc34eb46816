export { connectInProcess, type InProcessMcp } from './in-process.js';
export { prompts, resources, resourceTemplates, tools } from './registry.js';
export { ERROR_META_KEY } from './results.js';
export { createFocusForgeServer, serverInfo } from './server.js';
export type {
  PromptDefinition,
  ResourceDefinition,
  ResourceTemplateDefinition,
} from './resource-prompt-definitions.js';
export {
  MAX_TOOL_NAME_LENGTH,
  TOOL_NAME_PATTERN,
  type ToolAnnotations,
  type ToolContext,
  type ToolDefinition,
} from './tool.js';
/** Planner tests compile the registry's schemas the way the MCP server does. */
export { withCachedJsonSchema } from './json-schema-cache.js';
