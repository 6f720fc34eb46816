import { z } from 'zod';

/** One operator-configured MCP server the planner may use (Streamable HTTP). Names namespace its tools. */
export const PlannerMcpServerSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9]{0,19}$/, 'name: lowercase letters and digits, starting with a letter, at most 20'),
  url: z.url({ protocol: /^https?$/ }),
  headers: z.record(z.string(), z.string()).optional(),
});
export type PlannerMcpServer = z.infer<typeof PlannerMcpServerSchema>;

export const PlannerMcpServersSchema = z.array(PlannerMcpServerSchema).max(10);
