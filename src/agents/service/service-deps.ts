import type { Domain } from '../../domain/deps.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { MemorySource } from '../chains/memory-context.js';
import type { ChainRunDeps } from '../chains/run-chain.js';

/** What every chain family of the agents service is built with. */
export type ChainServiceDeps = {
  domain: Domain;
  logger: Logger;
  clock: Clock;
  /** Optional: without it the chains run without memory. */
  memory: MemorySource | undefined;
  /** The provider (and logger) the chains run with. */
  run: ChainRunDeps;
};
