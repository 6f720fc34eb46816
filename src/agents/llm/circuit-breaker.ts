import type { Clock } from '../../shared/index.js';

export type CircuitBreaker = {
  /** False while open: callers go straight to basic mode instead of waiting for a dead endpoint to time out. */
  canCall: () => boolean;
  recordSuccess: () => void;
  recordFailure: () => void;
  /** A call that ended without telling whether the endpoint works (stopped, refused): the next call may try. */
  release: () => void;
  isOpen: () => boolean;
};

export type CircuitBreakerOptions = { failureThreshold?: number; cooldownMs?: number };

/**
 * Opens after `failureThreshold` consecutive endpoint failures and stays open for `cooldownMs`; then lets one call
 * through (half-open) and closes again on its success. In-process state: losing it only costs one slow call.
 */
export const createCircuitBreaker = (
  clock: Clock,
  { failureThreshold = 3, cooldownMs = 30_000 }: CircuitBreakerOptions = {},
): CircuitBreaker => {
  let consecutiveFailures = 0;
  let openUntil = 0;
  let trialInFlight = false;

  const isOpen = () => consecutiveFailures >= failureThreshold;

  return {
    canCall: () => {
      if (!isOpen()) return true;
      if (clock.now().getTime() < openUntil || trialInFlight) return false;
      trialInFlight = true;
      return true;
    },
    recordSuccess: () => {
      consecutiveFailures = 0;
      trialInFlight = false;
    },
    recordFailure: () => {
      consecutiveFailures += 1;
      trialInFlight = false;
      if (isOpen()) openUntil = clock.now().getTime() + cooldownMs;
    },
    release: () => {
      trialInFlight = false;
    },
    isOpen,
  };
};
