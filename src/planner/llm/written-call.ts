import { extractJson } from '../../agents/index.js';

// What small local models do with tools (issue 16, Qwen2.5-Coder 1.5B on llama-server): some write the call as JSON
// text instead of a tool call, and some name a tool the server's parser refuses mid-answer. Both are recognised
// here so the planner can still act on what the model meant.

/** True while a reply's text so far could be a tool call written out: a JSON object or a code fence. */
export const mayBeWrittenCall = (text: string): boolean => {
  const start = text.trimStart();
  return start === '' || start.startsWith('{') || start.startsWith('`');
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A call to one of `tools` written as `{"name": ..., "arguments": {...}}` text; null for anything else. */
export const writtenCallIn = (
  text: string,
  tools: ReadonlySet<string>,
): { name: string; args: Record<string, unknown> } | null => {
  if (!mayBeWrittenCall(text) || !text.trim()) return null;
  const value = extractJson(text);
  if (!isRecord(value) || typeof value.name !== 'string' || !tools.has(value.name)) return null;
  const args = value.arguments ?? value.parameters ?? {};
  if (typeof args === 'string') {
    const parsed = extractJson(args);
    return isRecord(parsed) ? { name: value.name, args: parsed } : null;
  }
  return isRecord(args) ? { name: value.name, args } : null;
};

/** The server could not parse the tool call the model wrote (llama-server's words); asking again can fix it. */
export const isUnparsedToolCall = (error: unknown): boolean =>
  /does not match the expected .*format|failed to parse tool call/i.test(
    error instanceof Error ? error.message : String(error),
  );
