// Fixed wording of basic mode. Kind and shame-free: nothing is "late", nothing is lost, every step counts.

export const helpText =
  'Hi! I\'m here to make things smaller and easier. Try: "remind me to call mum tomorrow at 5", "what should I do ' +
  'now?", "plan my day", "start the laundry", "I\'m feeling tired", "done with the laundry", or "evening review".';

export const refusalOtherPerson =
  "I can only see and change your own things, so I can't look at anyone else's tasks, moods or notes. " +
  'Want to look at yours instead?';

export const stepLimitNote =
  "That took more steps than I allow myself in one go, so I stopped here. Here's where we are:";

export const cancelledText = 'Okay, I left everything as it was.';

export const toolErrorText = (message: string) =>
  message ? `That didn't work: ${message}` : "That didn't work this time, and nothing was changed.";
