import type { Domain } from '../../domain/index.js';
import type { Clock, Logger } from '../../shared/index.js';
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
