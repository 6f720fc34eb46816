// Requests about someone else's data are refused before any tool runs. The tools could not reach it anyway (every
// call is scoped to the caller); refusing up front keeps the answer honest instead of showing the caller's own list
// as if it were someone else's.

const aboutOthers = [
  /\b(?:another|other|different)\s+(?:user|person|account|people|member)s?'?s?\b/i,
  /\bsomeone(?: else)?'s\b|\bsomebody(?: else)?'s\b|\beveryone'?s\b|\ball users\b/i,
  /\b(?:user|account)\s+(?:id\s+)?[a-z]{2,5}_[A-Za-z0-9]{6,}\b/i,
  /\b(?:show|list|see|read|get|delete|open|check|what are)\b[^.?!]*\b(?!my\b|your\b|our\b)[A-Z][a-z]+'s\s+(?:tasks?|list|todos?|moods?|notes?|memories|points|rewards|data|account|stuff|plan)\b/,
  /\b(?:his|her|their)\s+(?:tasks?|todo list|to-do list|moods?|memories|points)\b/i,
];

/** True when a message asks to see or change another person's data. */
export const asksAboutAnotherPerson = (text: string, ownUserId: string): boolean => {
  const withoutSelf = text.split(ownUserId).join('');
  return aboutOthers.some((pattern) => pattern.test(withoutSelf));
};
