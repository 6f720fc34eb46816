import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { Agents } from '../../agents/index.js';
import type { Domain, NotificationScheduler } from '../../domain/index.js';
import type { MemoryService } from '../../memory/index.js';
import type { Logger } from '../../shared/index.js';
import { connectInProcess, serverInfo, type InProcessMcp } from '../../tools/index.js';
import { needsYes } from '../guardrails/confirmation.js';
import type { PlannerMcpServer } from './external-servers.js';

/** A tool as the planner sees it: our own (scoped to the person) or an operator-configured external one. */
export type ToolInfo = {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
  readOnly: boolean;
  /** Needs the person's yes before it runs (deletes, forgets, spends, bulk changes, writes elsewhere). */
  needsConfirmation: boolean;
  external: boolean;
};

export type CallResult = { ok: boolean; data: unknown; text: string };

/** The tools of one person's turn: listing and calling, through MCP only. */
export type ToolGateway = {
  tools: () => Promise<ToolInfo[]>;
  call: (name: string, args: Record<string, unknown>) => Promise<CallResult>;
};

export type ToolHubDeps = {
  domain: Domain;
  agents: Agents;
  memory: MemoryService;
  logger: Logger;
  externalServers: PlannerMcpServer[];
  /** For start mode's check-back and snoozing. */
  scheduler: NotificationScheduler;
  /** In-process connections kept warm (one per recently active person). */
  maxCachedUsers?: number;
};

export type ToolHub = { forUser: (userId: string) => Promise<ToolGateway>; close: () => Promise<void> };

const NAMESPACE_SEPARATOR = '__';

type RawTool = Awaited<ReturnType<Client['listTools']>>['tools'][number];
type RawResult = Awaited<ReturnType<Client['callTool']>>;

const textOf = (result: RawResult): string =>
  ((result.content ?? []) as { type: string; text?: string }[])
    .filter((c) => c.type === 'text')
    .map((c) => c.text ?? '')
    .join('\n');

const toResult = (result: RawResult): CallResult => ({
  ok: result.isError !== true,
  data: result.structuredContent ?? null,
  text: textOf(result),
});

const ownInfo = (tool: RawTool): ToolInfo => ({
  name: tool.name,
  description: tool.description ?? '',
  inputSchema: tool.inputSchema as Record<string, unknown>,
  readOnly: tool.annotations?.readOnlyHint === true,
  needsConfirmation: needsYes(tool.name, tool.annotations?.destructiveHint === true),
  external: false,
});

type External = { name: string; client: Client; tools: ToolInfo[] };
/** A person's cached connection to our server; `all` adds the external tools once they are known. */
type OwnEntry = { mcp: InProcessMcp; tools: ToolInfo[]; all?: ToolInfo[] };

/** Connects the operator's external MCP servers once; one that fails is logged and left out. */
const connectExternal = async (servers: PlannerMcpServer[], logger: Logger): Promise<External[]> => {
  const connected: External[] = [];
  for (const server of servers) {
    const client = new Client({ name: 'focusforge-planner', version: serverInfo().version });
    try {
      await client.connect(
        new StreamableHTTPClientTransport(new URL(server.url), {
          requestInit: { headers: server.headers ?? {} },
        }),
      );
      const { tools } = await client.listTools();
      connected.push({
        name: server.name,
        client,
        tools: tools.map((tool) => ({
          name: `${server.name}${NAMESPACE_SEPARATOR}${tool.name}`,
          description: `[external: ${server.name}] ${tool.description ?? ''}`,
          inputSchema: tool.inputSchema as Record<string, unknown>,
          readOnly: tool.annotations?.readOnlyHint === true,
          // An external server's hints are its own claim; only a declared read-only tool runs without a yes.
          needsConfirmation: tool.annotations?.readOnlyHint !== true,
          external: true,
        })),
      });
    } catch (error) {
      logger.warn({ server: server.name, err: (error as Error).message }, 'external MCP server unavailable');
      await client.close().catch(() => undefined);
    }
  }
  return connected;
};

/**
 * Hands out per-person tool gateways: a real MCP client linked in memory to our own server, acting as
 * `{ userId, via: 'chat' }`, plus the external servers. Connections are cached for recently active people.
 */
export const createToolHub = (deps: ToolHubDeps): ToolHub => {
  const maxCached = deps.maxCachedUsers ?? 200;
  const cache = new Map<string, Promise<OwnEntry>>();
  let external: Promise<External[]> | undefined;

  const own = (userId: string) => {
    const hit = cache.get(userId);
    if (hit) {
      cache.delete(userId); // re-insert: most recently used last
      cache.set(userId, hit);
      return hit;
    }
    const created: Promise<OwnEntry> = (async () => {
      const mcp = await connectInProcess(
        {
          actor: { userId, via: 'chat' },
          domain: deps.domain,
          logger: deps.logger,
          agents: deps.agents,
          memory: deps.memory,
          scheduler: deps.scheduler,
        },
        'focusforge-planner',
      );
      const { tools } = await mcp.client.listTools();
      return { mcp, tools: tools.map(ownInfo) };
    })();
    created.catch(() => cache.delete(userId));
    cache.set(userId, created);
    while (cache.size > maxCached) {
      const oldest = cache.keys().next().value as string;
      const entry = cache.get(oldest)!;
      cache.delete(oldest);
      void entry.then(({ mcp }) => mcp.close()).catch(() => undefined); // closing an idle link; nothing waits on it
    }
    return created;
  };

  return {
    forUser: async (userId) => {
      const [entry, servers] = await Promise.all([
        own(userId),
        (external ??= connectExternal(deps.externalServers, deps.logger)),
      ]);
      // One list per cached connection, so what is derived from it (the LLM's tool definitions) is made once.
      const all = (entry.all ??= [...entry.tools, ...servers.flatMap((s) => s.tools)]);
      const { mcp } = entry;
      return {
        tools: async () => all,
        call: async (name, args) => {
          const separator = name.indexOf(NAMESPACE_SEPARATOR);
          const server = separator > 0 ? servers.find((s) => s.name === name.slice(0, separator)) : undefined;
          const target = server ? server.client : mcp.client;
          const toolName = server ? name.slice(separator + NAMESPACE_SEPARATOR.length) : name;
          if (!all.some((t) => t.name === name)) {
            return { ok: false, data: null, text: `There is no tool called ${name}.` };
          }
          return toResult(await target.callTool({ name: toolName, arguments: args }));
        },
      };
    },
    close: async () => {
      const entries = [...cache.values()];
      cache.clear();
      await Promise.all(entries.map((entry) => entry.then(({ mcp }) => mcp.close()).catch(() => undefined)));
      const servers = await (external ?? Promise.resolve([]));
      await Promise.all(servers.map((s) => s.client.close().catch(() => undefined)));
    },
  };
};
