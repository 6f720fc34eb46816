import type { TaskKind } from '../task-text.js';

/** A candidate step: `core` steps are kept at every granularity, the others are added as granularity rises. */
export type StepTemplate = {
  text: (object: string, title: string) => string;
  weight: number;
  core?: boolean;
};

/** How a kind of task usually goes: a starter of at most 2 minutes, then steps in order, the last one finishing. */
export type KindTemplate = {
  estimateMinutes: number;
  starter: (object: string, title: string) => string;
  steps: StepTemplate[];
};

const step = (text: StepTemplate['text'], weight: number, core = false): StepTemplate => ({
  text,
  weight,
  core,
});

export const templates: Record<TaskKind, KindTemplate> = {
  inbox: {
    estimateMinutes: 45,
    starter: () => 'Open your inbox and sort it oldest first',
    steps: [
      step(() => 'Archive or delete the obvious junk and newsletters', 2, true),
      step(() => 'Answer every message that takes under 2 minutes', 3, true),
      step(() => 'Flag the ones that need real thought', 1),
      step(() => 'Unsubscribe from two lists you never read', 1),
      step(() => 'Pick the most important flagged one and reply to it', 3, true),
      step(() => 'Turn any promise you made into a task with a date', 1),
      step(() => 'Close the inbox and note how many are left', 1, true),
    ],
  },
  message: {
    estimateMinutes: 15,
    starter: () => 'Open a new message (or the one you are answering) and fill in the recipient',
    steps: [
      step(() => 'Write one sentence that says why you are writing', 1, true),
      step(() => 'List the details or questions as short bullets', 2, true),
      step(() => 'Turn the bullets into a few friendly sentences', 2),
      step(() => 'Add any attachment or link it needs', 1),
      step(() => 'Read it once out loud and fix what sounds off', 1, true),
      step(() => 'Press send', 1, true),
      step(() => 'Set a reminder to check for a reply in a few days', 1),
    ],
  },
  call: {
    estimateMinutes: 20,
    starter: (o) => `Find the phone number or booking page for ${o} and put it on screen`,
    steps: [
      step(() => 'Write down the 2-3 things you need to say or ask', 1, true),
      step(() => 'Open your calendar so you can pick a time on the spot', 1),
      step(() => 'Write the first sentence you will say, word for word', 1),
      step(() => 'Make the call or finish the online booking', 3, true),
      step(() => 'Write down the date, time and any reference number', 1, true),
      step(() => 'Add it to your calendar with a reminder', 1, true),
      step(() => 'Note anything you need to bring or prepare', 1),
    ],
  },
  job_application: {
    estimateMinutes: 90,
    starter: () => 'Open the job posting and your resume side by side',
    steps: [
      step(() => 'Highlight the 3 requirements that matter most in the posting', 2, true),
      step(() => 'Update two resume bullets so they match those requirements', 4, true),
      step(() => 'Write the first paragraph of the cover letter', 4),
      step(() => 'Finish the cover letter with one example and a closing line', 5),
      step(() => 'Fill in the application form, easy fields first', 4, true),
      step(() => 'Read everything once and fix typos', 2),
      step(() => 'Submit the application', 1, true),
      step(() => 'Log the application and a follow-up date in your tracker', 1),
    ],
  },
  presentation: {
    estimateMinutes: 120,
    starter: () => 'Open a blank deck and give slide 1 a working title',
    steps: [
      step(() => 'Write the one message the audience should remember', 1),
      step(() => 'List the slide titles as a rough outline', 2, true),
      step(() => 'Collect the charts, images or numbers you need', 3),
      step(() => 'Fill in the first three slides, rough is fine', 5, true),
      step(() => 'Fill in the remaining slides', 6, true),
      step(() => 'Cut the text down to key words on each slide', 2),
      step(() => 'Run through it once out loud with a timer', 3, true),
      step(() => 'Save it where you will present from and send it if needed', 1),
    ],
  },
  writing: {
    estimateMinutes: 120,
    starter: () => 'Open the document (or a blank one) and put the cursor where you will start',
    steps: [
      step(() => 'Jot down 3-5 bullet points you want to cover', 2, true),
      step(() => 'Put the bullets in order as a rough outline', 2),
      step(() => 'Gather the notes, sources or quotes you need', 3),
      step(() => 'Write a messy first draft of the first section', 5, true),
      step(() => 'Draft the remaining sections without editing', 8, true),
      step(() => 'Read it through once and fix what jumps out', 4),
      step(() => 'Check the format, length and any requirements', 1),
      step(() => 'Save it and send or submit it', 1, true),
    ],
  },
  laundry: {
    estimateMinutes: 90,
    starter: () => 'Carry the laundry basket to the machine',
    steps: [
      step(() => 'Sort the clothes into darks and lights', 1, true),
      step(() => 'Load the first batch, add detergent and start it', 1, true),
      step(() => 'Set a timer on your phone for when it finishes', 1),
      step(() => 'Move the load to the dryer or drying rack', 2, true),
      step(() => 'Start the second batch if there is one', 1),
      step(() => 'Fold the dry clothes while listening to something fun', 4, true),
      step(() => 'Put the folded clothes away', 2, true),
    ],
  },
  dishes: {
    estimateMinutes: 25,
    starter: () => 'Fill the sink with hot soapy water or open the dishwasher',
    steps: [
      step(() => 'Collect stray cups and plates from around the home', 2, true),
      step(() => 'Scrape the leftovers into the bin', 1),
      step(() => 'Load or wash the glasses and cutlery first', 2, true),
      step(() => 'Wash or load the plates and bowls', 2, true),
      step(() => 'Soak the pots and pans, then scrub them', 3),
      step(() => 'Wipe the counter and the sink', 1, true),
      step(() => 'Start the dishwasher or put the dry dishes away', 1),
    ],
  },
  cleaning: {
    estimateMinutes: 60,
    starter: (o) => `Put on a playlist and grab a trash bag for ${o}`,
    steps: [
      step(() => 'Throw away the obvious trash', 2, true),
      step(() => 'Put stray items back where they belong', 3, true),
      step(() => 'Sort the leftover pile into keep, donate and toss', 3),
      step(() => 'Clear and wipe the main surfaces', 3, true),
      step(() => 'Vacuum or sweep the floor', 3, true),
      step(() => 'Take out the trash and recycling', 1),
      step(() => 'Put the donate pile by the door', 1),
      step(() => 'Take a look and enjoy the clear space', 1),
    ],
  },
  online_order: {
    estimateMinutes: 15,
    starter: () => 'Open the store website or app',
    steps: [
      step((o) => `Search for ${o} and open the best match`, 2, true),
      step(() => 'Check size, colour and reviews quickly', 2),
      step(() => 'Add it to the cart', 1, true),
      step(() => 'Check the delivery address and date', 1, true),
      step(() => 'Pay and place the order', 1, true),
      step(() => 'Save the confirmation email in a folder', 1),
      step(() => 'Add the delivery day to your calendar', 1),
    ],
  },
  shopping: {
    estimateMinutes: 45,
    starter: () => 'Open a note called "shopping list"',
    steps: [
      step(() => 'Check the fridge and cupboards and write what is missing', 2, true),
      step(() => 'Add anything else you need to the list', 1, true),
      step(() => 'Grab keys, wallet, phone and bags', 1, true),
      step(() => 'Go to the shop (or open the delivery app)', 4, true),
      step(() => 'Get everything on the list, ticking items off', 5),
      step(() => 'Pay and head home', 2),
      step(() => 'Put everything away', 2, true),
    ],
  },
  admin: {
    estimateMinutes: 60,
    starter: (o) => `Find the email, folder or website for ${o} and open it`,
    steps: [
      step(() => 'Write down what exactly is being asked and by when', 1, true),
      step(() => 'Collect the documents, numbers and logins you need', 3, true),
      step(() => 'Fill in the easy parts first', 3, true),
      step(() => 'Work through the tricky parts, noting questions', 4),
      step(() => 'Double-check names, numbers and dates', 2),
      step(() => 'Submit, pay or send it', 1, true),
      step(() => 'Save the confirmation where you can find it', 1),
      step(() => 'Put the next deadline in your calendar', 1),
    ],
  },
  reading: {
    estimateMinutes: 45,
    starter: () => 'Put the book or article where you sit and open it at your bookmark',
    steps: [
      step(() => 'Put your phone in another room or on do-not-disturb', 1),
      step(() => 'Read the first few pages, just to get going', 2, true),
      step(() => 'Jot down one idea worth keeping', 1),
      step(() => 'Read the next stretch with a timer running', 4, true),
      step(() => 'Take a short break and stretch', 1),
      step(() => 'Read to the end of the section or chapter', 4, true),
      step(() => 'Mark where you stopped', 1, true),
    ],
  },
  study: {
    estimateMinutes: 90,
    starter: () => 'Put your notes or book on the desk, open to the right page',
    steps: [
      step(() => 'Skim the headings and write down what it covers', 2, true),
      step(() => 'Pick the first small section to work on', 1),
      step(() => 'Work through that section with a 25-minute timer', 5, true),
      step(() => 'Write 3 key points from memory', 2, true),
      step(() => 'Take a 5-minute break away from the screen', 1),
      step(() => 'Do a few practice questions or flashcards', 4, true),
      step(() => 'Check your answers and mark what to revisit', 2),
      step(() => 'Note where you stopped so restarting is easy', 1, true),
    ],
  },
  code: {
    estimateMinutes: 120,
    starter: () => 'Open the project and the ticket or notes side by side',
    steps: [
      step(() => 'Reproduce the problem or write down what should change', 3, true),
      step(() => 'Write the smallest next change as one sentence', 1),
      step(() => 'Make that change', 6, true),
      step(() => 'Run the tests and fix what breaks', 4, true),
      step(() => 'Clean up names and leftovers', 2),
      step(() => 'Commit and push, or open the pull request', 1, true),
      step(() => 'Write down follow-ups you noticed', 1),
    ],
  },
  cooking: {
    estimateMinutes: 60,
    starter: () => 'Pick the recipe and pull it up on your phone',
    steps: [
      step(() => 'Check you have the ingredients', 1, true),
      step(() => 'Put the ingredients and tools on the counter', 1),
      step(() => 'Wash and chop what needs chopping', 3, true),
      step(() => 'Start cooking, following the recipe', 5, true),
      step(() => 'Wash up the prep things while it cooks', 2),
      step(() => 'Serve and enjoy it', 2, true),
      step(() => 'Put the leftovers in containers', 1),
    ],
  },
  exercise: {
    estimateMinutes: 45,
    starter: () => 'Put on your workout clothes and shoes',
    steps: [
      step(() => 'Fill your water bottle', 1),
      step(() => 'Go to where you will exercise (or roll out the mat)', 2, true),
      step(() => 'Warm up for 5 minutes', 2, true),
      step(() => 'Do the main part, at whatever pace feels okay today', 8, true),
      step(() => 'Cool down and stretch', 2, true),
      step(() => 'Drink some water', 1),
      step(() => 'Log it somewhere and give yourself credit', 1),
    ],
  },
  packing: {
    estimateMinutes: 60,
    starter: () => 'Put the suitcase or an empty box in the middle of the room',
    steps: [
      step(() => 'Write a list of the must-bring items', 2, true),
      step(() => 'Gather clothes for each day onto the bed', 3, true),
      step(() => 'Collect toiletries and medication', 2, true),
      step(() => 'Collect documents, chargers and keys', 1),
      step(() => 'Pack the big things first, then fill the gaps', 3, true),
      step(() => 'Tick everything off the list', 1),
      step(() => 'Put the bag by the door', 1, true),
    ],
  },
  event: {
    estimateMinutes: 90,
    starter: (o) => `Open a note and write the date and purpose of ${o}`,
    steps: [
      step(() => 'List who needs to be involved', 2, true),
      step(() => 'Pick the time and place', 2, true),
      step(() => 'Write a short agenda or plan', 3),
      step(() => 'Send the invitations or calendar invites', 2, true),
      step(() => 'List what needs to be bought, booked or prepared', 2),
      step(() => 'Do the first thing on that list', 4, true),
      step(() => 'Set reminders for the remaining things', 1, true),
    ],
  },
  repair: {
    estimateMinutes: 60,
    starter: (o) => `Get out the tools or instructions for ${o}`,
    steps: [
      step(() => 'Look up how it is done (a manual or short video)', 3, true),
      step(() => 'Check you have every part and tool', 1, true),
      step(() => 'Clear a space to work in', 1),
      step(() => 'Do the first half of the job', 4, true),
      step(() => 'Finish the job', 4, true),
      step(() => 'Test that it works', 1, true),
      step(() => 'Put the tools away', 1),
    ],
  },
  generic: {
    estimateMinutes: 60,
    starter: (_o, t) => `Write one sentence saying what "${t}" looks like when it is done`,
    steps: [
      step(() => 'List what you need to have in front of you', 1, true),
      step(() => 'Gather those things in one place', 2),
      step(() => 'Do the first small part', 3, true),
      step(() => 'Take a 5-minute break', 1),
      step(() => 'Do the next part', 4, true),
      step(() => 'Finish the remaining part', 4, true),
      step(() => 'Check it against your one-sentence "done"', 1, true),
    ],
  },
};
