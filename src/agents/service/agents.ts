import type { Db } from 'mongodb';
import type { LlmConfig } from '../../config.js';
import type { Actor, Domain } from '../../domain/index.js';
import { redactUrl, type Clock, type Logger } from '../../shared/index.js';
import type { MemorySource } from '../chains/memory-context.js';
import type { Understanding } from '../chains/understanding/schema.js';
import { understand } from '../chains/understanding/understand.js';
import { createLlmProvider, type LlmProvider } from '../llm/provider.js';
import type { LlmCounters } from '../usage/llm-counters.js';
import { createUsageRepo, type UsageRepo, type UsageSummary } from '../usage/usage-repo.js';
import { createCoachingChains, type CoachingChains } from './coaching-chains.js';
import { loadPerson } from './person-context.js';
import { createProofChain, type ProofChain } from './proof-chain.js';
import type { ChainServiceDeps } from './service-deps.js';
import { createTaskChains, type TaskChains } from './task-chains.js';

/** The agents layer as the rest of the app sees it: every call acts for the authenticated `actor` only. */
export type Agents = {
  provider: LlmProvider;
  usage: UsageRepo;
  /** Basic mode's reading of a message (intent and slots), in the person's time zone. */
  understand: (actor: Actor, text: string) => Promise<Understanding>;
  usageSummary: (userId: string, days?: number) => Promise<UsageSummary>;
} & TaskChains &
  CoachingChains &
  ProofChain;

export type AgentsDeps = {
  config: LlmConfig;
  db: Db;
  domain: Domain;
  logger: Logger;
  clock: Clock;
  /** Optional: without it the chains run without memory. */
  memory?: MemorySource;
  /** For tests and custom setups; built from `config` otherwise. */
  provider?: LlmProvider;
  /** Deployment-wide LLM counters for /metrics. */
  counters?: LlmCounters;
  /** Hosts whose https image links may reach the model (PROOF_IMAGE_URL_HOSTS); default none: uploads only. */
  proofImageHosts?: readonly string[];
};

/** Says once at start-up which model answers (the endpoint without its credentials), or that none does. */
const logLlmSetup = (config: LlmConfig, logger: Logger) =>
  logger.info(
    config.enabled
      ? {
          llm: {
            model: config.model,
            models: config.models,
            baseUrl: config.baseUrl ? redactUrl(config.baseUrl) : 'https://api.openai.com/v1',
          },
        }
      : { llm: 'basic mode' },
    config.enabled ? 'LLM configured' : 'no LLM configured: the assistant runs in basic mode',
  );

/** Builds the agents service: the LLM provider, usage accounting and the chains wired to the domain. */
export const createAgents = ({
  config,
  db,
  domain,
  logger,
  clock,
  memory,
  provider: given,
  counters,
  proofImageHosts = [],
}: AgentsDeps): Agents => {
  const usage = createUsageRepo(db, clock);
  const provider = given ?? createLlmProvider({ config, usage, counters, logger, clock });
  logLlmSetup(config, logger);
  const chains: ChainServiceDeps = { domain, logger, clock, memory, run: { provider, logger } };

  return {
    provider,
    usage,
    ...createTaskChains(chains),
    ...createCoachingChains(chains),
    ...createProofChain({ ...chains, proofImageHosts }),

    understand: async (actor, text) => {
      const person = await loadPerson(domain, actor.userId);
      return understand(text, { now: clock.now(), timezone: person.timezone });
    },

    usageSummary: (userId, days = 30) => {
      const to = clock.now();
      return usage.summarize(userId, {
        from: new Date(to.getTime() - days * 86_400_000),
        to: new Date(to.getTime() + 1),
      });
    },
  };
};
