import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/shared/logger.js';

// The eval counts the turns a model failed on, from the app's own log lines: the planner and the chains log every
// fallback to basic mode with its reason. A turn that still passes its checks in basic mode is a pass, but a model
// that times out or errors is broken however good basic mode is, so the report (and CI's gate) counts them.

/** Reasons that mean the model path broke (hung, crashed, refused), rather than answered badly. */
export const BROKEN_REASONS = new Set(['timeout', 'unavailable', 'rejected', 'rate_limited']);

type Line = { level?: number; msg?: string; reason?: string; outcome?: string; steppingDown?: boolean };

/** Where the failure was, with its reason: `planner:timeout`, `chain:breakdown:invalid_output`. */
const failureOf = (line: Line): string | null => {
  if (
    line.msg === 'planner: LLM failed, answering in basic mode' ||
    line.msg === 'planner: LLM failed after tools ran'
  )
    return `planner:${line.reason ?? 'unknown'}`;
  if (line.msg === 'LLM call failed' && !line.steppingDown) return `chain:${line.outcome ?? 'unknown'}`;
  if (line.msg?.startsWith('LLM answer did not match its schema')) return 'chain:invalid_output';
  return null;
};

export type ModelFailureLog = {
  logger: Logger;
  /** The failures logged since the last call. */
  take: () => string[];
};

/** A logger for the app that notes model failures (and echoes everything at `echoLevel`, when given, to stderr). */
export const captureModelFailures = (echoLevel?: string): ModelFailureLog => {
  let seen: string[] = [];
  const echo = echoLevel && echoLevel !== 'silent' ? createLogger(echoLevel) : null;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString().split('\n')) {
        if (!text.trim()) continue;
        try {
          const failure = failureOf(JSON.parse(text) as Line);
          if (failure) seen.push(failure);
        } catch {
          // not a JSON line: nothing to count
        }
        if (echo) process.stderr.write(`${text}\n`);
      }
      done();
    },
  });
  const levels = ['trace', 'debug', 'info', 'warn'];
  const level = echo && levels.indexOf(echoLevel!) < levels.indexOf('warn') ? echoLevel! : 'warn';
  return {
    logger: createLogger(level, stream),
    take: () => {
      const out = seen;
      seen = [];
      return out;
    },
  };
};

/** True for a failure that means the model path broke (see BROKEN_REASONS). */
export const isBroken = (failure: string): boolean => BROKEN_REASONS.has(failure.split(':').at(-1) ?? '');
