import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import './provided-context.js';
import {
  startScriptedOpenAiServer,
  type ChatRequest,
  type ScriptedOpenAiServer,
} from './scripted-openai-server.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createUser } from '../../src/domain/users/create-user.js';
import { createDeps, type Deps, type DepsOverrides } from '../../src/main.js';
import type { Channel } from '../../src/domain/users/user-schemas.js';
import type { ConverseEvent, ConverseInput, IncomingMessage, Reply } from '../../src/planner/index.js';
import type { ConverseOptions, TurnStats } from '../../src/planner/index.js';

export type Turn = { reply: Reply; events: ConverseEvent[]; stats: TurnStats | undefined };

export type SayOptions = {
  channel?: Channel;
  threadId?: string;
  messageId?: string;
  signal?: AbortSignal;
};

export type PlannerTestEnv = {
  deps: () => Deps;
  config: Config;
  newUser: (name?: string, timezone?: string) => Promise<string>;
  /** Runs one turn through `conversations.converse`, reading every event like a streaming channel would. */
  say: (userId: string, message: string | IncomingMessage, options?: SayOptions) => Promise<Turn>;
  /** Closes everything and builds a new process's deps on the same database (a restart). */
  restart: () => Promise<void>;
  close: () => Promise<void>;
};

let counter = 0;

/** The real app's deps over a fresh database; `env` adds settings such as LLM_BASE_URL. */
export const startPlannerEnv = async (
  env: Record<string, string> = {},
  overrides: DepsOverrides = {},
): Promise<PlannerTestEnv> => {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    MONGODB_URI: inject('mongodbUri'),
    REDIS_URL: inject('redisUrl'),
    MONGODB_DB: `fftest_planner_${randomBytes(6).toString('hex')}`,
    MEMORY_INDEX_DIR: join(tmpdir(), `focusforge-planner-index-${randomBytes(6).toString('hex')}`),
    JOBS_PREFIX: `fftest_planner_${randomBytes(4).toString('hex')}`,
    ...env,
  });
  let deps = await createDeps(config, overrides);
  return {
    deps: () => deps,
    config,
    newUser: async (name = 'Test Person', timezone = 'UTC') =>
      (await createUser(deps.domain, { name, timezone }, 'system')).id,
    say: async (userId, message, options = {}) => {
      const input: ConverseInput = {
        userId,
        channel: options.channel ?? 'web',
        threadId: options.threadId ?? 'main',
        messageId: options.messageId ?? `m${++counter}-${randomBytes(3).toString('hex')}`,
        message: typeof message === 'string' ? { text: message } : message,
      };
      let stats: TurnStats | undefined;
      const conversationOptions: ConverseOptions = {
        ...(options.signal ? { signal: options.signal } : {}),
        onStats: (s) => {
          stats = s;
        },
      };
      const conversation = deps.conversations.converse(input, conversationOptions);
      const events: ConverseEvent[] = [];
      for await (const event of conversation.events) events.push(event);
      return { reply: await conversation.reply, events, stats };
    },
    restart: async () => {
      await deps.close();
      deps = await createDeps(config, overrides);
    },
    close: async () => {
      await deps.database.db.dropDatabase().catch(() => undefined);
      await deps.close();
      await rm(config.memoryIndexDir, { recursive: true, force: true });
    },
  };
};

/** The text the streamed deltas add up to. */
export const streamedText = (events: ConverseEvent[]): string =>
  events.flatMap((e) => (e.type === 'text-delta' ? [e.delta] : [])).join('');

/** The reply's parts of one type. */
export const partsOf = <T extends Reply['parts'][number]['type']>(reply: Reply, type: T) =>
  reply.parts.filter((p): p is Extract<Reply['parts'][number], { type: T }> => p.type === type);

/**
 * The real app's deps with the real ChatOpenAI client pointed at a scripted OpenAI-compatible server (short timeout,
 * no retries), for the LLM path's tests.
 */
export const startScriptedPlannerEnv = async (
  env: Record<string, string> = {},
): Promise<{ server: ScriptedOpenAiServer; env: PlannerTestEnv }> => {
  const server = await startScriptedOpenAiServer();
  const planner = await startPlannerEnv({
    LLM_BASE_URL: server.baseUrl,
    LLM_MODEL: 'scripted-model',
    LLM_TIMEOUT_MS: '3000',
    LLM_MAX_RETRIES: '0',
    ...env,
  });
  return { server, env: planner };
};

/**
 * A scripted model server and a planner env for one test file: started before its tests, the script reset after
 * each test, both closed at the end. Read `server` and `env` inside tests (they exist once `beforeAll` ran).
 */
export const useScriptedPlannerEnv = (env: Record<string, string> = {}) => {
  const scripted = {} as { server: ScriptedOpenAiServer; env: PlannerTestEnv };
  beforeAll(async () => {
    Object.assign(scripted, await startScriptedPlannerEnv(env));
  });
  afterEach(() => scripted.server?.reset());
  afterAll(async () => {
    await scripted.env?.close();
    await scripted.server?.close();
  });
  return scripted;
};

/** The tool results a request carries back to the model. */
export const toolMessages = (request: ChatRequest) => request.messages.filter((m) => m.role === 'tool');
