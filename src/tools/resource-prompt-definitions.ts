import type { PromptMessage } from '@modelcontextprotocol/server';
import type { z } from 'zod';
import type { ToolContext } from './tool.js';

/** A fixed resource, e.g. `focusforge://me/profile`; its contents are JSON. */
export type ResourceDefinition = {
  name: string;
  uri: string;
  title: string;
  description: string;
  read(ctx: ToolContext): Promise<unknown>;
};

/** A family of resources addressed by a URI template, e.g. `focusforge://tasks/{taskId}`. */
export type ResourceTemplateDefinition = {
  name: string;
  uriTemplate: string;
  title: string;
  description: string;
  /** The resource at the filled-in template; throw a NOT_FOUND-class AppError when it does not exist (or is not yours). */
  read(ctx: ToolContext, variables: Record<string, string>): Promise<unknown>;
  /** A short, bounded list of concrete resources worth showing (e.g. today's tasks), or none. */
  list?(ctx: ToolContext): Promise<{ uri: string; name: string; title?: string }[]>;
};

/** MCP prompt arguments are strings; each prompt declares them as an object of (optional) strings. */
type PromptArgs = z.ZodObject<Record<string, z.ZodType<string | undefined>>>;

/** A reusable conversation starter that hosts show as a slash command. */
export type PromptDefinition<Args extends PromptArgs = PromptArgs> = {
  name: string;
  title: string;
  description: string;
  argsSchema: Args;
  build(ctx: ToolContext, args: z.output<Args>): Promise<PromptMessage[]>;
  /** Values a client may offer while the person types an argument (completion/complete), by argument name. */
  complete?: { [K in keyof z.output<Args>]?: (ctx: ToolContext, value: string) => Promise<string[]> };
};

export const definePrompt = <Args extends PromptArgs>(
  prompt: PromptDefinition<Args>,
): PromptDefinition<Args> => prompt;

/** A user-role text message, the usual building block of a prompt. */
export const userText = (text: string): PromptMessage => ({ role: 'user', content: { type: 'text', text } });

/** A user-role message embedding a resource's JSON, so the model sees the data without another round trip. */
export const userResource = (uri: string, data: unknown): PromptMessage => ({
  role: 'user',
  content: { type: 'resource', resource: { uri, mimeType: 'application/json', text: JSON.stringify(data) } },
});

/** A user-role message with labelled JSON, for data that has no resource URI of its own. */
export const userData = (label: string, data: unknown): PromptMessage =>
  userText(`${label}:\n${JSON.stringify(data)}`);
