// Small models fill every optional field, with null for "none": the 1.5B local model called list_tasks with
// `parentId: null, cursor: null`, and the person read "Input validation error: parentId: expected string, received
// null". A null where the tool's schema takes no null means "not given", so the field is left out; where the schema
// takes null (e.g. a due date cleared with `dueAt: null`), it stays.

type JsonSchema = {
  type?: string | string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
};

/** True when a JSON Schema accepts null. */
const takesNull = (schema: JsonSchema | undefined): boolean => {
  if (!schema) return false;
  if (schema.nullable === true || schema.type === 'null') return true;
  if (Array.isArray(schema.type) && schema.type.includes('null')) return true;
  return [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].some(takesNull);
};

/** The call's arguments without the top-level nulls its tool takes no null for. */
export const withoutStrayNulls = (
  args: Record<string, unknown>,
  inputSchema: Record<string, unknown> | undefined,
): Record<string, unknown> => {
  const properties = (inputSchema as JsonSchema | undefined)?.properties ?? {};
  const stray = Object.keys(args).filter((key) => args[key] === null && !takesNull(properties[key]));
  if (stray.length === 0) return args;
  return Object.fromEntries(Object.entries(args).filter(([key]) => !stray.includes(key)));
};
