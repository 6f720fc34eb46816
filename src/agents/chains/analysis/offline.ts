import { kindOf, niceMinutes, sizeFactorOf, type TaskKind } from '../task-text.js';
import { templates } from '../breakdown/templates.js';
import type { TimeOfDayChoice } from '../scheduling.js';
import type { AnalysisDraft, AnalysisInput } from './schema.js';

type Level = AnalysisDraft['energy'];

const energyByKind: Partial<Record<TaskKind, Level>> = {
  exercise: 'high',
  code: 'high',
  writing: 'high',
  study: 'high',
  presentation: 'high',
  job_application: 'high',
  repair: 'high',
  packing: 'medium',
  cleaning: 'medium',
  admin: 'medium',
  call: 'medium',
  event: 'medium',
  cooking: 'medium',
  laundry: 'medium',
  inbox: 'medium',
  shopping: 'medium',
  reading: 'low',
  message: 'low',
  online_order: 'low',
  dishes: 'low',
};

const blockersByKind: Partial<Record<TaskKind, string>> = {
  call: 'Phone nerves: write your first sentence down before dialling.',
  message: 'Overthinking the wording: a short, friendly message is enough.',
  writing: 'The blank page: start with messy bullet points, not sentences.',
  admin: 'Missing documents or logins: gather them first, as their own step.',
  study: 'Not knowing where to begin: pick one small section and set a timer.',
  code: 'An unclear next change: write it down in one sentence first.',
  cleaning: 'It looks like too much: set a 10-minute timer and stop when it rings.',
  inbox: 'Getting pulled into one long email: flag it and move on.',
  job_application: 'Perfectionism about the letter: a good-enough version can be sent.',
  presentation: 'Fiddling with design too early: words first, looks last.',
  exercise: 'Getting out the door: put your shoes on and decide after that.',
  packing: 'Forgetting things: write the list before packing anything.',
  event: 'Too many decisions at once: pick the date first, then the rest.',
  shopping: 'Forgetting the list: write it on your phone before leaving.',
  repair: 'Missing a tool or part halfway: check you have everything first.',
  reading: 'Distractions: put the phone in another room.',
};

const levels: Level[] = ['low', 'medium', 'high'];
const shift = (level: Level, by: number): Level =>
  levels[Math.min(2, Math.max(0, levels.indexOf(level) + by))]!;

const isVague = (text: string) =>
  /\b(figure out|deal with|sort out|look into|think about|research|decide|work on|handle|stuff|things)\b/i.test(
    text,
  );
const hasSeveralParts = (text: string) => /\b(and|then|also|plus)\b|,|&/.test(text);
const dependsOnOthers = (text: string) =>
  /\b(ask|wait(ing)? for|get .* from|check with|hear back|approval|sign[- ]off)\b/i.test(text);

/** The best time of day for a level of energy, given when this person usually has the most energy. */
export const timeForEnergy = (
  energy: Level,
  kind: TaskKind,
  peak: TimeOfDayChoice | null,
): TimeOfDayChoice => {
  if (kind === 'call' || kind === 'admin') return 'morning'; // offices answer in the morning
  if (energy === 'high') return peak ?? 'morning';
  if (energy === 'medium') return peak === 'morning' ? 'afternoon' : (peak ?? 'afternoon');
  return 'any';
};

/** Basic mode's reading of a task: its kind and wording decide complexity, size, energy, timing and blockers. */
export const offlineAnalysis = (input: AnalysisInput, peak: TimeOfDayChoice | null): AnalysisDraft => {
  const text = `${input.title} ${input.notes ?? ''}`;
  const kind = kindOf(input.title, input.notes ?? '');
  const estimateMinutes = Math.max(
    5,
    niceMinutes(templates[kind].estimateMinutes * sizeFactorOf(input.title)),
  );

  let score = estimateMinutes > 90 ? 2 : estimateMinutes > 30 ? 1 : 0;
  if (isVague(text)) score += 1;
  if (hasSeveralParts(input.title)) score += 1;
  if (dependsOnOthers(text)) score += 1;
  const complexity: Level = score >= 3 ? 'high' : score >= 1 ? 'medium' : 'low';

  let energy = energyByKind[kind] ?? 'medium';
  if (estimateMinutes <= 15) energy = shift(energy, -1);
  if (estimateMinutes >= 120) energy = shift(energy, 1);

  const blockers: string[] = [];
  if (isVague(text)) blockers.push('It is vague: decide what "done" looks like in one sentence.');
  const byKind = blockersByKind[kind];
  if (byKind) blockers.push(byKind);
  if (estimateMinutes > 60)
    blockers.push('It feels big: break it into steps and start with the 2-minute one.');
  if (dependsOnOthers(text))
    blockers.push("It depends on someone else: send your part now so you're not waiting on yourself.");
  if (input.dueAt)
    blockers.push('A deadline can make starting harder: a tiny start today takes the pressure off.');
  if (blockers.length === 0)
    blockers.push('Getting started: do only the first two minutes and see how it feels.');

  const bestTimeOfDay = timeForEnergy(energy, kind, peak);
  const sizeWord = complexity === 'low' ? 'a light' : complexity === 'medium' ? 'a medium' : 'a bigger';
  const timeWord = bestTimeOfDay === 'any' ? 'any time that suits you' : `the ${bestTimeOfDay}`;
  return {
    complexity,
    estimateMinutes,
    energy,
    bestTimeOfDay,
    blockers: blockers.slice(0, 3),
    summary: `This looks like ${sizeWord} task of about ${estimateMinutes} minutes that needs ${energy} energy; ${timeWord} should suit it.`,
  };
};
