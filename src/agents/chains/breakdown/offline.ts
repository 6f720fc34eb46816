import { cleanTitle, kindOf, niceMinutes, objectOf, sizeFactorOf } from '../task-text.js';
import { paceNote, personalMinutes, sizingFor } from './pace.js';
import type { Breakdown, BreakdownInput, PersonalPace } from './schema.js';
import { templates, type StepTemplate } from './templates.js';

type Planned = { title: string; weight: number; core: boolean };

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** Joins the neighbouring pair with the smallest combined weight, until `count` steps remain. */
const mergeDown = (steps: Planned[], count: number): Planned[] => {
  const out = [...steps];
  while (out.length > count && out.length > 1) {
    let best = 0;
    for (let i = 1; i < out.length - 1; i++)
      if (out[i]!.weight + out[i + 1]!.weight < out[best]!.weight + out[best + 1]!.weight) best = i;
    const [a, b] = [out[best]!, out[best + 1]!];
    out.splice(best, 2, {
      title: `${a.title}, then ${lowerFirst(b.title)}`,
      weight: a.weight + b.weight,
      core: true,
    });
  }
  return out;
};

/** The template's steps for a target count: every core step, optional ones in order while there is room. */
const selectSteps = (candidates: StepTemplate[], count: number, object: string, title: string): Planned[] => {
  const coreCount = candidates.filter((s) => s.core).length;
  let optionalRoom = Math.max(0, count - coreCount);
  const chosen = candidates.filter((s) => {
    if (s.core) return true;
    if (optionalRoom <= 0) return false;
    optionalRoom -= 1;
    return true;
  });
  return mergeDown(
    chosen.map((s) => ({ title: s.text(object, title), weight: s.weight, core: Boolean(s.core) })),
    count,
  );
};

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Basic mode's breakdown: the task's kind picks a template (a tiny starter, then steps in order), the granularity
 * and the person's finished step sizes pick how many and how big, and their pace scales the estimates.
 */
export const offlineBreakdown = (input: BreakdownInput, pace: PersonalPace): Breakdown => {
  const title = cleanTitle(input.title) || input.title.trim();
  const granularity = input.granularity ?? 3;
  const kind = kindOf(title, input.notes ?? '');
  const template = templates[kind];
  const object = objectOf(title) || title;
  const { targetSteps, maxStepMinutes } = sizingFor(granularity, pace);

  const planned = selectSteps(template.steps, targetSteps - 1, object, title);
  const total = template.estimateMinutes * sizeFactorOf(title);
  const weightSum = planned.reduce((sum, s) => sum + s.weight, 0);
  let cappedAway = 0;
  const rest = planned.map((s) => {
    const share = (total * s.weight) / weightSum;
    const typical = Math.max(2, s.weight <= 1 ? Math.min(5, share) : share); // light steps stay light
    const capped = Math.min(typical, maxStepMinutes);
    cappedAway += typical - capped;
    return { title: capitalize(s.title), typical: niceMinutes(capped) };
  });

  const steps = [{ title: capitalize(template.starter(object, title)), typical: 2 }, ...rest].map((s, i) => ({
    position: i + 1,
    title: s.title.slice(0, 160),
    minutes: personalMinutes(s.typical, pace, i === 0),
  }));

  const notes = ['Just the first step counts as a start; everything after it is a bonus.'];
  if (cappedAway > total * 0.25)
    notes.push("This covers a first round; break down what's left when you get there.");
  const fitted = paceNote(pace, maxStepMinutes);
  if (fitted) notes.push(fitted);

  return {
    task: { id: input.taskId ?? null, title },
    granularity,
    steps,
    totalMinutes: steps.reduce((sum, s) => sum + s.minutes, 0),
    maxStepMinutes,
    pace,
    note: notes.join(' '),
  };
};
