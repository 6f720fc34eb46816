/** At most this many tasks come out of one message; a longer list is more likely prose than a to-do list. */
export const MAX_TASKS_PER_MESSAGE = 6;

/** Verbs that start a separate thing to do ("call the dentist"), as opposed to more of the same ("milk and eggs"). */
const actionVerb =
  /^(?:to\s+)?(?:book|call|ring|phone|buy|get|grab|email|e-mail|text|message|reply|respond|write|draft|pay|clean|tidy|wash|finish|submit|send|pick|drop|renew|order|fix|return|make|take|water|feed|walk|cancel|file|print|prepare|prep|study|practice|practise|review|read|update|ask|bring|start|organi[sz]e|sort|vacuum|mow|empty|apply|register|sign|research|look|pack|unpack|visit|meet|see|check|schedule|plan|cook|bake|do|go|put|change|charge|clear|post|mail|fill|invite|thank|remind|tell|follow|refill|backup|back|install|download|upload|iron|fold|hang|move|sell|list|deposit|transfer|withdraw|dust|mop|shower|exercise|stretch|run|meditate|journal|learn|watch|listen|record|edit|test|deploy|push|merge|commit|cut|trim|shave|brush|floss|give|lend|borrow|collect|fetch|deliver)\b/i;

/** "up", "off": a verb's particle, not its object ("pick up", "drop off"). */
const particles = /^(?:up|off|out|in|down|away|back|over|on|through)$/i;

const separator =
  /(\s*,\s*(?:and\s+|then\s+|also\s+)?|\s*;\s*|\s+(?:and|&)\s+(?:then\s+|also\s+)?|\s+then\s+)/i;

const clockTime = /\bat \d{1,2}(?::\d{2})?(?: ?[ap]\.?m\.?)?\b/i;

/** A piece that can stand as its own task: starts with a verb and has an object ("call the dentist", not "clean"). */
const standsAlone = (piece: string): boolean => {
  if (!actionVerb.test(piece)) return false;
  const words = piece
    .replace(/^to\s+/i, '')
    .split(/\s+/)
    .slice(1);
  return words.some((w) => !particles.test(w));
};

/**
 * "buy milk, call the dentist and email Sam tomorrow" → three pieces; "buy milk, eggs and bread" stays one, and so does
 * "clean and vacuum the kitchen". `firstBody` is the first piece without its lead-in ("I need to", "remind me to"),
 * because only that one can start with one.
 */
export const splitTasks = (text: string, stripLeadIn: (piece: string) => string): string[] => {
  const tokens = text.split(separator);
  const pieces: string[] = [tokens[0] ?? ''];
  for (let i = 1; i + 1 < tokens.length; i += 2) {
    const glue = tokens[i]!;
    const next = tokens[i + 1]!;
    const last = pieces.length - 1;
    const previousStands = last === 0 ? standsAlone(stripLeadIn(pieces[0]!)) : standsAlone(pieces[last]!);
    // "dentist at 3 tomorrow and pick up kids at 5": a thing with its own time is a task even without a verb
    const previousTimed = clockTime.test(pieces[last]!);
    if ((previousStands || previousTimed) && standsAlone(next) && pieces.length < MAX_TASKS_PER_MESSAGE)
      pieces.push(next);
    else pieces[last] = `${pieces[last]}${glue}${next}`;
  }
  return pieces.map((p) => p.replace(/^to\s+/i, '').trim()).filter(Boolean);
};
