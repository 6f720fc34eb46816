/**
 * Spots text in evidence that tries to instruct the validator instead of describing the work. Evidence is data:
 * these sentences are removed before scoring and mark the submission as unable to be approved.
 */
const injectionPatterns: RegExp[] = [
  /\b(ignore|disregard|forget|override|bypass|skip)\b[^.!?\n]{0,40}\b(previous|prior|above|earlier|all|any|your|the|these|those|system)\b[^.!?\n]{0,30}\b(instructions?|prompts?|rules?|guidelines?|directions?|checks?|messages?|context)\b/i,
  /\b(approve|accept|pass|validate|verify|mark)\b[^.!?\n]{0,30}\b(this|it|me|the (task|proof|evidence|submission))\b[^.!?\n]{0,30}\b(approved|accepted|valid|verified|done|complete[d]?)\b/i,
  /\b(approve|accept)\s+(this|it|me|my|the)\b/i,
  /\b(you must|you should|you will|you have to|you are required to)\b[^.!?\n]{0,40}\b(approve|accept|pass|give|award|grant|mark|respond|answer|output|return|say)\b/i,
  /\b(verdict|confidence|status|result)\s*[:=]\s*(?:["']\s*)?(approved|accepted|100|9\d|pass(ed)?|true)\b/i,
  /"(verdict|confidence)"\s*:/i,
  /\b(you are|you're|act as|pretend to be|roleplay as)\b[^.!?\n]{0,30}\b(now|a|an|the)\b[^.!?\n]{0,30}\b(validator|assistant|ai|model|system|judge|admin|developer)\b/i,
  /(?:^|[\n.!?]\s*)(system|developer|assistant)(?:\s*(prompt|message|note|override))?\s*:/i,
  /\b(new|updated|real|actual)\s+(instructions?|rules?|task)\s*:/i,
  /\b(give|award|grant)(?:\s+(me|them|the user))?\s*(full|max(imum)?|all( the)?|\d{3,})\s*(points|confidence|score)\b/i,
  /<\/?\s*(system|evidence|instructions?|task|assistant|user)\b[^>]*>/i,
  /\bjailbreak|\bprompt injection\b|\bDAN mode\b/i,
  /\b(the (validator|checker|ai|model)|as an ai)\b[^.!?\n]{0,40}\b(must|should|will|has to)\b/i,
];

/** True when the text contains something addressed to the validator rather than a description of the work. */
export const looksLikeInjection = (text: string): boolean =>
  injectionPatterns.some((pattern) => pattern.test(text));

/** The evidence with instruction-like sentences (and lines) taken out; what remains is judged on its own. */
export const withoutInjection = (text: string): { clean: string; found: boolean } => {
  const pieces = text.split(/(?<=[.!?])\s+|\n+/);
  const kept: string[] = [];
  let found = false;
  for (const piece of pieces) {
    if (looksLikeInjection(piece)) found = true;
    else kept.push(piece);
  }
  // An instruction can also hide inside one long sentence that the split did not catch.
  if (!found && looksLikeInjection(text)) found = true;
  return { clean: kept.join(' ').trim(), found };
};
