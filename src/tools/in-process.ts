import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import type { McpServer } from '@modelcontextprotocol/server';
import { createFocusForgeServer, serverInfo } from './server.js';
import type { ToolContext } from './tool.js';

export type InProcessMcp = { client: Client; server: McpServer; close: () => Promise<void> };

/**
 * A connected client/server pair over a linked in-memory transport, for the planner: it calls exactly the tools
 * Claude sees, as the person in `ctx.actor`.
 */
export const connectInProcess = async (
  ctx: ToolContext,
  clientName = 'focusforge-planner',
): Promise<InProcessMcp> => {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const server = createFocusForgeServer(ctx);
  const client = new Client({ name: clientName, version: serverInfo().version });
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return {
    client,
    server,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
};
