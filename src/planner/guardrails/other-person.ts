// Requests about someone else's data are refused before any tool runs. The tools could not reach it anyway (every
// call is scoped to the caller); refusing up front keeps the answer honest instead of showing the caller's own list
// as if it were someone else's. The patterns need a possessive and a kind of data (or an account id), so everyday
// tasks that mention people ("collect everyone's forms", "invite other people") are not refused.

const data = String.raw`(?:tasks?|task list|lists?|todos?|to-?do list|moods?|mood logs?|notes?|memories|points|rewards|data|account|stuff|plans?)`;
const reading = String.raw`\b(?:show|list|see|read|get|delete|remove|open|check|what are|what's on|tell me)\b[^.?!]*`;

const aboutOthers = [
  // "another user's tasks", "other users tasks", "a different person's moods"
  new RegExp(
    String.raw`\b(?:another|other|different)\s+(?:users?|persons?|people|accounts?|members?)(?:'s|s'|')?\s+${data}\b`,
    'i',
  ),
  // "someone else's tasks", "everyone's points", "all users' data"
  new RegExp(
    String.raw`\b(?:someone|somebody|everyone|everybody|anyone|anybody)(?: else)?'s\s+${data}\b|\ball users'?\s+${data}\b`,
    'i',
  ),
  // an account id: "the tasks of user usr_ab12cd34"
  /\b(?:user|account)\s+(?:id\s+)?[a-z]{2,5}_[A-Za-z0-9]{6,}\b/i,
  // "show me Alice's tasks" (a capitalised name that is not the person's own)
  new RegExp(String.raw`${reading}\b(?!my\b|your\b|our\b)[A-Z][a-z]+'s\s+${data}\b`),
  // "show her tasks"
  new RegExp(String.raw`${reading}\b(?:his|her|their)\s+${data}\b`, 'i'),
];

/** True when a message asks to see or change another person's data. */
export const asksAboutAnotherPerson = (text: string, ownUserId: string): boolean => {
  const withoutSelf = text.split(ownUserId).join('');
  return aboutOthers.some((pattern) => pattern.test(withoutSelf));
};
