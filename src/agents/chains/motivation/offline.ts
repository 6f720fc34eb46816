import { createHash } from 'node:crypto';
import { templates } from '../breakdown/templates.js';
import { kindOf, objectOf } from '../task-text.js';
import { isShameFree } from './guard.js';
import type { Motivation, MotivationInput, MotivationSignal, ToneChoice } from './schema.js';

type Phrases = Record<ToneChoice, string[]>;

const pick = (options: string[], seed: string, salt: string): string => {
  const hash = createHash('sha256').update(`${seed}:${salt}`).digest();
  return options[hash[0]! % options.length]!;
};

const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');

const openers: Record<'low_mood' | 'low_energy' | 'good_mood' | 'neutral', Phrases> = {
  low_mood: {
    gentle: [
      "Today sounds heavy, {name}, and that's okay.",
      "Go easy on yourself today, {name}; it's been a lot.",
    ],
    cheerful: [
      "Rough patch today, {name}? You're still here, and that matters.",
      'Hey {name}, tough days happen, and you are handling this one.',
    ],
    direct: ["Hard day, {name}. Let's keep it small.", 'Low day, {name}. Small moves only.'],
    playful: [
      "Grey-cloud day, {name}? Let's find one tiny patch of sun.",
      "Low-battery mood, {name}? We'll go gentle mode.",
    ],
  },
  low_energy: {
    gentle: [
      'Your energy is low today, {name}, so we go slowly.',
      "Low energy is real, {name}. Let's pick something light.",
    ],
    cheerful: [
      'Running on low today, {name}? Tiny steps still count!',
      'Low-energy day, {name}: perfect for one small win.',
    ],
    direct: ["Energy's low, {name}. One light thing.", 'Low energy, {name}. Keep it short.'],
    playful: [
      "Phone-on-2% energy, {name}? We'll sip, not sprint.",
      'Sloth mode today, {name}? Sloths get places too.',
    ],
  },
  good_mood: {
    gentle: ["You're in a good place today, {name}.", "It's nice to see you feeling good, {name}."],
    cheerful: ["You're on a roll today, {name}!", 'Good vibes today, {name}! Love that.'],
    direct: ['Good day, {name}. Use it.', 'You feel good today, {name}. Nice.'],
    playful: ['Main-character energy today, {name}!', 'Look at you, {name}, glowing today.'],
  },
  neutral: {
    gentle: ['Hi {name}, one small thing at a time.', 'Hey {name}, no rush; we start small.'],
    cheerful: ["Hey {name}! Let's make a tiny start.", 'Hi {name}! Ready for a small win?'],
    direct: ["{name}, let's pick one thing.", '{name}, one small step now.'],
    playful: ['Hey {name}, quest time, level one.', '{name}, tiny adventure incoming.'],
  },
};

const winLines: Phrases = {
  gentle: ['You already finished "{win}", and that counts.', 'Remember, you got "{win}" done. That was you.'],
  cheerful: ['You crushed "{win}" already!', '"{win}" is done. Go you!'],
  direct: ['"{win}" is done. Proof you can.', 'You finished "{win}". Keep that in mind.'],
  playful: ['"{win}": defeated. The scoreboard remembers.', 'Achievement unlocked earlier: "{win}".'],
};

const streakLines: Phrases = {
  gentle: ["You've shown up {n} days in a row.", '{n} days of showing up for yourself.'],
  cheerful: ['{n} days in a row! Look at that streak!', 'Streak check: {n} days and counting!'],
  direct: ['{n}-day streak.', '{n} days running.'],
  playful: ['{n}-day streak. The flame is cozy.', 'Streak: {n} days. Your plants are impressed.'],
};

const helpedLines: Phrases = {
  gentle: [
    'Last time, this helped: {helped}. Maybe try it again?',
    'You told me {helped} helps. Want to lean on that?',
  ],
  cheerful: [
    'Your secret weapon: {helped}. Bring it back!',
    "Remember what works for you: {helped}. Let's use it!",
  ],
  direct: ['What works for you: {helped}. Use it.', 'Known helper: {helped}.'],
  playful: ['Power-up available: {helped}.', 'Your cheat code: {helped}.'],
};

const taskLines: Phrases = {
  gentle: [
    'For "{task}", just the first tiny step is enough for now.',
    'With "{task}", starting is the whole job. The rest can wait.',
  ],
  cheerful: [
    '"{task}" starts with one tiny step. You can totally do that!',
    'Let\'s nudge "{task}" forward, just a little!',
  ],
  direct: ['"{task}": do the first two minutes. Then decide.', 'Start "{task}" with one tiny step.'],
  playful: ['"{task}" is a boss fight, but we only need the first hit.', 'Tiny poke at "{task}"? Just one.'],
};

const openEndedLines: Phrases = {
  gentle: ['Pick one small thing; that is plenty.', 'One small thing is enough today.'],
  cheerful: ['Pick one small thing and enjoy the tick!', 'One little win is all we need!'],
  direct: ['Pick one small task. Start it.', 'One small task, now.'],
  playful: ['Choose one tiny side quest.', 'Pick a mini-mission, any mini-mission.'],
};

/** Text of the person's own to quote back, unless it carries words the message must never say. */
const quotable = (text: string | undefined, max: number): string | null => {
  const trimmed = text
    ?.trim()
    .replace(/[.!]+$/, '')
    .slice(0, max);
  return trimmed && isShameFree(trimmed) ? trimmed : null;
};

/** Basic mode's encouragement: assembled from tone-specific phrases around the person's own mood, wins and helpers. */
export const offlineMotivation = (input: MotivationInput): Motivation => {
  const tone = input.tone;
  const signals: MotivationSignal[] = [];
  const latest = input.recentMoods[0];
  let mood: keyof typeof openers = 'neutral';
  if (latest && latest.mood <= 2) mood = 'low_mood';
  else if (latest && latest.energy <= 2) mood = 'low_energy';
  else if (latest && latest.mood >= 4) mood = 'good_mood';
  if (mood !== 'neutral') signals.push(mood);

  const name = quotable(input.name.split(' ')[0], 40) ?? 'friend';
  const values = { name, win: '', n: String(input.streakDays), helped: '', task: '' };
  const parts = [fill(pick(openers[mood][tone], input.seed, 'open'), values)];

  const win = quotable(input.wins[0]?.title, 60);
  if (win) {
    signals.push('recent_wins');
    parts.push(fill(pick(winLines[tone], input.seed, 'win'), { ...values, win }));
  } else if (input.streakDays >= 2) {
    signals.push('streak');
    parts.push(fill(pick(streakLines[tone], input.seed, 'streak'), values));
  }

  const helped = input.whatHelped.map((h) => quotable(h, 80)).find((h) => h !== null);
  if (helped) {
    signals.push('what_helped');
    parts.push(fill(pick(helpedLines[tone], input.seed, 'helped'), { ...values, helped }));
  }

  let tinyNextStep: string;
  const task = input.task ? (quotable(input.task.title, 60) ?? 'this task') : null;
  if (input.task && task) {
    signals.push('task');
    parts.push(fill(pick(taskLines[tone], input.seed, 'task'), { ...values, task }));
    const starter = templates[kindOf(input.task.title)].starter(objectOf(input.task.title), task);
    tinyNextStep = isShameFree(starter)
      ? starter
      : 'Open whatever you need for it and look at it for one minute';
  } else {
    parts.push(pick(openEndedLines[tone], input.seed, 'open-ended'));
    tinyNextStep =
      mood === 'low_mood' || mood === 'low_energy'
        ? 'Drink a glass of water, then pick the smallest task on your list'
        : 'Pick the smallest task on your list and do its first step';
  }

  return { message: parts.join(' '), tinyNextStep, tone, signals };
};
