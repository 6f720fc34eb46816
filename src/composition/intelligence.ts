import { createAgents, createEmbedder } from '../agents/index.js';
import type { Domain } from '../domain/index.js';
import { createLlmCounters } from '../jobs/index.js';
import { createMemory } from '../memory/index.js';
import type { Root } from './root.js';

/** Memory (with its embedder) and the LLM chains, whose calls are counted in Redis for /metrics. */
export const createMemoryAndAgents = ({ config, logger, clock, database, redis }: Root, domain: Domain) => {
  const embedder = createEmbedder(config.embeddings);
  const memory = createMemory({
    db: database.db,
    embedder,
    clock,
    indexDirectory: config.memoryIndexDir,
    logger,
    audit: domain.audit,
  });
  const llmCounters = createLlmCounters(redis, config.jobs.prefix, logger);
  const agents = createAgents({
    config: config.llm,
    counters: llmCounters,
    db: database.db,
    domain,
    logger,
    clock,
    memory,
    proofImageHosts: config.proofImages.urlHosts,
  });
  return { memory, llmCounters, agents };
};
