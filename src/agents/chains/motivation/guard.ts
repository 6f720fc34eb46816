/**
 * Words that shame, pressure or compare. Motivation must never contain them, whoever wrote it: a model answer that
 * does is treated as invalid and the built-in (already clean) message is used instead.
 */
const pressurePatterns: RegExp[] = [
  /\bshould(?:'ve| have)\b/i,
  /\bshouldn'?t have\b/i,
  /\blazy\b/i,
  /\bno excuses?\b/i,
  /\bdisappoint\w*/i,
  /\bfail(?:ed|ure|ing)?\b/i,
  /\b(?:fall(?:ing)?|fell|are|you're|so) behind\b/i,
  /\beveryone else\b/i,
  /\bother people\b/i,
  /\b(?:unlike|compared to|than) (?:others|everyone|most people|your (?:friends|colleagues|peers))\b/i,
  /\bhurry\b/i,
  /\bguilt\w*/i,
  /\bashamed\b|\bshame\b/i,
  /\bpathetic\b/i,
  /\bprocrastinat\w*/i,
  /\bwhy (?:haven'?t|didn'?t|don'?t) you\b/i,
  /\byou (?:always|never)\b/i,
  /\blast chance\b/i,
  /\bor else\b/i,
  /\bwast(?:e|ed|ing) (?:time|your|the day)\b/i,
  /\byou (?:must|have to)\b/i,
  /\bwhat'?s wrong with you\b/i,
  /\bget it together\b/i,
  /\bstop (?:being|making excuses)\b/i,
];

/** The first pressuring phrase in a text, or null when it is kind. */
export const findPressure = (text: string): string | null => {
  for (const pattern of pressurePatterns) {
    const match = pattern.exec(text);
    if (match) return match[0];
  }
  return null;
};

export const isShameFree = (text: string): boolean => findPressure(text) === null;
