import type { LongTermKind } from '../../memory/index.js';

// Things people say in passing that are worth keeping: how they work best, what helps, what gets in the way.
const patterns: [LongTermKind, RegExp][] = [
  [
    'what_helped',
    /\b(?:(?:it|that|music|coffee|a walk|body doubling|timers?|[a-z]+ing)\s+(?:really\s+)?helps? me\b|helps me (?:focus|start|concentrate))/i,
  ],
  ['preference', /\bi (?:work|focus|think) (?:best|better)\b|\bi prefer\b|\bi like to (?:work|start|do)\b/i],
  [
    'trigger',
    /\b(?:i get|makes me|i'm always) (?:overwhelmed|anxious|stuck|distracted)\b|\bi (?:can't|cannot) (?:focus|concentrate|start) when\b/i,
  ],
];

/** A long-term fact in a message, if it states one plainly; the person's own words, kept as their data. */
export const factIn = (text: string): { kind: LongTermKind; text: string } | null => {
  if (text.length > 300 || /\?\s*$/.test(text)) return null;
  for (const [kind, pattern] of patterns) if (pattern.test(text)) return { kind, text: text.trim() };
  return null;
};
