import { niceMinutes } from '../task-text.js';
import { FIRST_STEP_MAX_MINUTES, MAX_STEPS, type PersonalPace } from './schema.js';

/** What a person's finished work says about their pace; gathered from their tasks and focus sessions. */
export type WorkHistory = {
  /** Estimates of steps (subtasks) they finished. */
  finishedStepMinutes: number[];
  /** Tasks with an estimate and a measured time (focus sessions, or start-to-done). */
  timed: { estimateMinutes: number; actualMinutes: number }[];
};

export const neutralPace: PersonalPace = { estimateMultiplier: 1, typicalStepMinutes: null, samples: 0 };

const MIN_SAMPLES = 3;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Learns the person's estimate multiplier (actual over estimated time, median, pulled towards 1 while there are
 * few samples) and the step size they actually finish. Outliers are clamped so one forgotten timer cannot dominate.
 */
export const learnPace = (history: WorkHistory): PersonalPace => {
  const timed = history.timed.filter((t) => t.estimateMinutes > 0 && t.actualMinutes > 0);
  let estimateMultiplier = 1;
  if (timed.length >= MIN_SAMPLES) {
    const ratio = median(timed.map((t) => Math.min(4, Math.max(0.25, t.actualMinutes / t.estimateMinutes))));
    const confidence = timed.length / (timed.length + 3);
    estimateMultiplier = Math.min(3, Math.max(0.5, Math.round((1 + (ratio - 1) * confidence) * 20) / 20));
  }
  const finished = history.finishedStepMinutes.filter((m) => m > 0);
  const typicalStepMinutes =
    finished.length >= MIN_SAMPLES ? Math.max(1, Math.round(median(finished))) : null;
  return { estimateMultiplier, typicalStepMinutes, samples: timed.length + finished.length };
};

/** Step count and largest step size for a granularity, shrunk to the sizes this person finishes. */
export const sizingFor = (
  granularity: number,
  pace: PersonalPace,
): { targetSteps: number; maxStepMinutes: number } => {
  const g = Math.min(5, Math.max(1, Math.round(granularity)));
  const byGranularity = [60, 45, 25, 15, 10][g - 1]!;
  const personal =
    pace.typicalStepMinutes === null
      ? byGranularity
      : Math.max(5, niceMinutes(pace.typicalStepMinutes * 1.5));
  return { targetSteps: Math.min(MAX_STEPS, 3 + g), maxStepMinutes: Math.min(byGranularity, personal) };
};

/** A typical-person estimate turned into this person's estimate; the starter step stays within 2 minutes. */
export const personalMinutes = (minutes: number, pace: PersonalPace, isFirst: boolean): number => {
  if (isFirst) return Math.min(FIRST_STEP_MAX_MINUTES, Math.max(1, Math.round(minutes)));
  return Math.max(1, niceMinutes(minutes * pace.estimateMultiplier));
};

/** One line on how the plan was fitted to the person, or null when there was nothing to fit it to. */
export const paceNote = (pace: PersonalPace, maxStepMinutes: number): string | null => {
  const parts: string[] = [];
  if (pace.typicalStepMinutes !== null)
    parts.push(`steps kept to about ${maxStepMinutes} minutes, the size you usually finish`);
  if (pace.estimateMultiplier !== 1)
    parts.push(`estimates adjusted to your pace (×${pace.estimateMultiplier})`);
  return parts.length ? `I ${parts.join(' and ')}.` : null;
};
